namespace RealtimeSales.Web.Pipeline;

/// <summary>One reading of both sides: the end of each partition at the broker, and the checkpoints and result tables.</summary>
/// <param name="Ends">Per partition the offset after its last message; empty when Kafka could not be read.</param>
/// <param name="Checkpoints">Per partition its checkpoint; empty when PostgreSQL could not be read.</param>
/// <param name="Windows">Rows in <c>window_revenue</c>.</param>
/// <param name="Late">Rows in <c>late_events</c>.</param>
/// <param name="Rejected">Rows in <c>rejected_events</c>.</param>
/// <param name="Sources">What could not be read, and why.</param>
internal sealed record PipelineReading(
    IReadOnlyDictionary<int, long> Ends,
    IReadOnlyDictionary<int, CheckpointRow> Checkpoints,
    long Windows,
    long Late,
    long Rejected,
    IReadOnlyList<PipelineSource> Sources);
