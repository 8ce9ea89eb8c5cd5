using RealtimeSales.Aggregator.Reporting;

namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>
/// How a checkpoint ended: the deltas that committed, those refused by another owner's fence, the rows the committed
/// ones wrote, and how long it took.
/// </summary>
internal sealed record CommitReport(IReadOnlyList<PartitionDelta> Committed, IReadOnlyList<PartitionDelta> Fenced, CheckpointRows Rows, TimeSpan Duration);
