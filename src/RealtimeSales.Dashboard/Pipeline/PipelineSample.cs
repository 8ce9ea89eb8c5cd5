namespace RealtimeSales.Dashboard.Pipeline;

/// <summary>What the Pipeline page plots for one moment.</summary>
/// <param name="Time">When the workers were read.</param>
/// <param name="Rates">Per second, averaged over the last <see cref="PipelineMonitor.RateWindow"/>.</param>
/// <param name="CheckpointP50Ms">Median checkpoint commit time over the last <see cref="PipelineMonitor.QuantileWindow"/>; null without checkpoints.</param>
/// <param name="CheckpointP99Ms">99th percentile of the same.</param>
/// <param name="Totals">The counters of the running workers since they started.</param>
/// <param name="Partitions">Every partition some aggregator owns.</param>
/// <param name="Sources">The processes read, with their errors.</param>
internal sealed record PipelineSample(
    DateTimeOffset Time,
    PipelineCounts Rates,
    double? CheckpointP50Ms,
    double? CheckpointP99Ms,
    PipelineCounts Totals,
    IReadOnlyList<PartitionSample> Partitions,
    IReadOnlyList<ScrapeSource> Sources);
