namespace RealtimeSales.Web.Pipeline;

/// <summary>What the Pipeline page plots for one moment.</summary>
/// <param name="Time">When Kafka and PostgreSQL were read.</param>
/// <param name="Rates">Per second, averaged over the last <see cref="PipelineMonitor.RateWindow"/>.</param>
/// <param name="Totals">The totals as read.</param>
/// <param name="Partitions">Every partition of the topic, or that has a checkpoint.</param>
/// <param name="Sources">Kafka and PostgreSQL, with their errors.</param>
internal sealed record PipelineSample(
    DateTimeOffset Time,
    PipelineCounts Rates,
    PipelineCounts Totals,
    IReadOnlyList<PartitionSample> Partitions,
    IReadOnlyList<PipelineSource> Sources);
