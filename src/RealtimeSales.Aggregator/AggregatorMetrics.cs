using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RealtimeSales.Aggregator;

/// <summary>The aggregator's OpenTelemetry instruments (meter <c>RealtimeSales.Aggregator</c>).</summary>
internal sealed class AggregatorMetrics
{
    public const string MeterName = "RealtimeSales.Aggregator";

    private readonly Counter<long> _consumed;
    private readonly Counter<long> _windowsClosed;
    private readonly Counter<long> _late;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _checkpointDuration;
    private readonly ConcurrentDictionary<int, PartitionGauge> _partitions = new();

    public AggregatorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _consumed = meter.CreateCounter<long>("sales.aggregator.events.consumed", "{event}", "Messages read from Kafka (replays after a restart included).");
        _windowsClosed = meter.CreateCounter<long>("sales.aggregator.windows.closed", "{window}", "Windows committed to window_revenue.");
        _late = meter.CreateCounter<long>("sales.aggregator.events.late", "{event}", "Events committed to late_events.");
        _rejected = meter.CreateCounter<long>("sales.aggregator.events.rejected", "{event}", "Messages committed to rejected_events.");
        _checkpointDuration = meter.CreateHistogram("sales.aggregator.checkpoint.duration", "ms", "Time to commit one checkpoint transaction.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] });
        meter.CreateObservableGauge("sales.aggregator.partition.lag", () => Observe(gauge => gauge.Lag), "{event}",
            "Messages in the partition not yet covered by a checkpoint.");
        meter.CreateObservableGauge("sales.aggregator.partition.watermark", () => Observe(gauge => gauge.WatermarkSeconds), "s",
            "Partition watermark as Unix seconds.");
    }

    public void Consumed(long count) => _consumed.Add(count);

    public void Committed(int windowsClosed, int late, int rejected, double durationMs)
    {
        _windowsClosed.Add(windowsClosed);
        _late.Add(late);
        _rejected.Add(rejected);
        _checkpointDuration.Record(durationMs);
    }

    public void Partition(int partition, long lag, long watermarkMicros) =>
        _partitions[partition] = new PartitionGauge(lag, watermarkMicros == long.MinValue ? double.NaN : watermarkMicros / 1e6);

    public void Released(int partition) => _partitions.TryRemove(partition, out _);

    private IEnumerable<Measurement<double>> Observe(Func<PartitionGauge, double> value) =>
        _partitions.Where(entry => !double.IsNaN(value(entry.Value)))
            .Select(entry => new Measurement<double>(value(entry.Value), new KeyValuePair<string, object?>("partition", entry.Key)));

    private readonly record struct PartitionGauge(double Lag, double WatermarkSeconds);
}
