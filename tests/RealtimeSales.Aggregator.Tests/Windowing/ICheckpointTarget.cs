using RealtimeSales.Aggregator.Checkpoints;

namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>Where a <see cref="PipelineSchedule"/> run keeps its checkpoints: the in-memory model or the real <see cref="CheckpointStore"/>.</summary>
internal interface ICheckpointTarget
{
    IReadOnlyList<ClaimedPartition> Claim(IReadOnlyList<int> partitions);

    CommitOutcome Commit(IReadOnlyList<PartitionDelta> deltas);

    CommittedTables Read();
}
