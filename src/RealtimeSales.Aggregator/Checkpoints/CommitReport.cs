namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>How a checkpoint ended: the deltas that committed, those refused by another owner's fence, and how long it took.</summary>
internal sealed record CommitReport(IReadOnlyList<PartitionDelta> Committed, IReadOnlyList<PartitionDelta> Fenced, TimeSpan Duration);
