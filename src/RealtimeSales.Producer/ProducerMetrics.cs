using System.Diagnostics.Metrics;

namespace RealtimeSales.Producer;

/// <summary>The producer's OpenTelemetry instruments (meter <c>RealtimeSales.Producer</c>).</summary>
internal sealed class ProducerMetrics
{
    public const string MeterName = "RealtimeSales.Producer";

    private readonly Counter<long> _acknowledged;
    private readonly Counter<long> _failed;

    public ProducerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _acknowledged = meter.CreateCounter<long>("sales.producer.events.acknowledged", "{event}",
            "Messages the broker acknowledged, by kind (valid, late, malformed).");
        _failed = meter.CreateCounter<long>("sales.producer.events.failed", "{event}",
            "Messages the broker refused for good.");
    }

    public void Acknowledged(MessageKind kind) =>
        _acknowledged.Add(1, new KeyValuePair<string, object?>("kind", KindTag(kind)));

    public void Failed() => _failed.Add(1);

    private static string KindTag(MessageKind kind) => kind switch
    {
        MessageKind.Late => "late",
        MessageKind.Malformed => "malformed",
        _ => "valid",
    };
}
