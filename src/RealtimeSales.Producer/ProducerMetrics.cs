using System.Diagnostics.Metrics;

namespace RealtimeSales.Producer;

/// <summary>
/// The producer's tallies and the OpenTelemetry instruments (meter <c>RealtimeSales.Producer</c>) that read them.
/// The instruments are observed when metrics are collected, so a delivery report costs a few interlocked
/// increments and nothing in the metrics pipeline.
/// </summary>
internal sealed class ProducerMetrics
{
    public const string MeterName = "RealtimeSales.Producer";

    public ProducerMetrics(IMeterFactory meterFactory)
    {
        var counters = Counters;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("sales.producer.events.acknowledged", () => Acknowledged(counters), "{event}",
            "Messages the broker acknowledged, by kind (valid, late, malformed).");
        meter.CreateObservableCounter("sales.producer.events.failed", () => counters.Failed, "{event}",
            "Messages the broker refused for good.");
    }

    /// <summary>Sent, acknowledged and failed messages, shared by the producing thread and the delivery reports.</summary>
    public DeliveryCounters Counters { get; } = new();

    private static Measurement<long>[] Acknowledged(DeliveryCounters counters)
    {
        var (valid, late, malformed) = counters.AcknowledgedByKind();
        return
        [
            new(valid, new KeyValuePair<string, object?>("kind", "valid")),
            new(late, new KeyValuePair<string, object?>("kind", "late")),
            new(malformed, new KeyValuePair<string, object?>("kind", "malformed")),
        ];
    }
}
