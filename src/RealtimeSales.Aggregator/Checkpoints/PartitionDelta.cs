using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>
/// One partition's part of a checkpoint transaction. It applies only while the partition's row still holds
/// <paramref name="Generation"/> and <paramref name="PreviousCheckpointId"/> (the checkpoint it was built on),
/// and leaves <paramref name="CheckpointId"/> there; finding that id later proves the delta landed.
/// </summary>
internal sealed record PartitionDelta(
    int Partition, long Generation, string ClusterId, Guid PreviousCheckpointId, Guid CheckpointId, WindowDelta Changes);
