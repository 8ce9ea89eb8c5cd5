using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>What claiming a partition returned: the new generation, the checkpoint id it set, and the state to resume from.</summary>
internal sealed record ClaimedPartition(
    int Partition, long Generation, Guid CheckpointId, PartitionCheckpoint Checkpoint, IReadOnlyList<OpenWindow> OpenWindows, string? PreviousClusterId);
