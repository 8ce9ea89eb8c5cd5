namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>
/// How a checkpoint ended: committed, or refused for the listed partitions because another owner
/// bumped their generation (the transaction was rolled back; the rest may be retried without them).
/// </summary>
internal sealed record CommitOutcome(IReadOnlyList<int> FencedPartitions)
{
    public static CommitOutcome Committed { get; } = new([]);

    public bool IsCommitted => FencedPartitions.Count == 0;
}
