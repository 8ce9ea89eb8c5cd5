using System.Globalization;

namespace RealtimeSales.Dashboard.Pipeline;

/// <summary>
/// The numbers the Pipeline page needs from one worker's <c>/metrics</c>: the instruments of the meters
/// <c>RealtimeSales.Producer</c> and <c>RealtimeSales.Aggregator</c>, as OpenTelemetry's Prometheus exporter names them.
/// A producer simply has no aggregator numbers, and the other way round.
/// </summary>
internal sealed record WorkerReading(
    PipelineCounts Counts,
    IReadOnlyDictionary<double, double> CheckpointBuckets,
    IReadOnlyDictionary<int, double> Lag,
    IReadOnlyDictionary<int, double> Watermark)
{
    public const string Acknowledged = "sales_producer_events_acknowledged_total";
    public const string ProduceFailed = "sales_producer_events_failed_total";
    public const string Consumed = "sales_aggregator_events_consumed_total";
    public const string WindowsClosed = "sales_aggregator_windows_closed_total";
    public const string Late = "sales_aggregator_events_late_total";
    public const string Rejected = "sales_aggregator_events_rejected_total";
    public const string CheckpointBucket = "sales_aggregator_checkpoint_duration_milliseconds_bucket";
    public const string PartitionLag = "sales_aggregator_partition_lag";
    public const string PartitionWatermark = "sales_aggregator_partition_watermark_seconds";

    public static WorkerReading From(IReadOnlyList<MetricSample> samples)
    {
        var counts = new PipelineCounts(Sum(samples, Acknowledged), Sum(samples, ProduceFailed), Sum(samples, Consumed),
            Sum(samples, WindowsClosed), Sum(samples, Late), Sum(samples, Rejected));
        var buckets = new SortedDictionary<double, double>();
        foreach (var sample in samples.Where(sample => sample.Name == CheckpointBucket))
        {
            if (sample.Labels.TryGetValue("le", out var le) && ParseBound(le) is { } bound)
            {
                buckets[bound] = buckets.GetValueOrDefault(bound) + sample.Value;
            }
        }

        return new WorkerReading(counts, buckets, ByPartition(samples, PartitionLag), ByPartition(samples, PartitionWatermark));
    }

    // A counter appears only once something was counted (the producer's failures usually never): absent is zero.
    private static double Sum(IReadOnlyList<MetricSample> samples, string name) =>
        samples.Where(sample => sample.Name == name && double.IsFinite(sample.Value)).Sum(sample => sample.Value);

    private static Dictionary<int, double> ByPartition(IReadOnlyList<MetricSample> samples, string name) => samples
        .Where(sample => sample.Name == name && double.IsFinite(sample.Value))
        .Select(sample => (Partition: sample.Labels.TryGetValue("partition", out var p) && int.TryParse(p, CultureInfo.InvariantCulture, out var n) ? n : -1, sample.Value))
        .Where(entry => entry.Partition >= 0)
        .ToDictionary(entry => entry.Partition, entry => entry.Value);

    private static double? ParseBound(string le) => le == "+Inf"
        ? double.PositiveInfinity
        : double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) ? bound : null;
}
