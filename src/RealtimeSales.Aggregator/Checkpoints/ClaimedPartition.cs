using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>What claiming a partition returned: the new generation and the state to resume from.</summary>
internal sealed record ClaimedPartition(
    int Partition, long Generation, PartitionCheckpoint Checkpoint, IReadOnlyList<OpenWindow> OpenWindows, string? PreviousClusterId);
