using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RealtimeSales.Kafka;

/// <summary>
/// librdkafka's statistics as OpenTelemetry instruments (meter <c>RealtimeSales.Kafka</c>), tagged with the client.
/// Each report replaces the client's last one; the instruments are observed from it when metrics are collected,
/// so nothing is done per message, and a report costs one JSON parse every <see cref="KafkaClientSettings.StatisticsInterval"/>.
/// </summary>
internal sealed class KafkaClientMetrics
{
    public const string MeterName = "RealtimeSales.Kafka";

    private readonly ConcurrentDictionary<string, KafkaStatistics> _latest = new(StringComparer.Ordinal);

    public KafkaClientMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("messaging.kafka.network.tx", () => Each(s => s.Requests), "{request}", "Requests sent to Kafka brokers.");
        meter.CreateObservableCounter("messaging.kafka.network.transmitted", () => Each(s => s.RequestBytes), "By", "Bytes sent to Kafka brokers.");
        meter.CreateObservableCounter("messaging.kafka.network.rx", () => Each(s => s.Responses), "{response}", "Responses received from Kafka brokers.");
        meter.CreateObservableCounter("messaging.kafka.network.received", () => Each(s => s.ResponseBytes), "By", "Bytes received from Kafka brokers.");
        meter.CreateObservableCounter("messaging.publish.messages", () => Each(s => s.MessagesSent), "{message}", "Messages sent to Kafka brokers.");
        meter.CreateObservableCounter("messaging.receive.messages", () => Each(s => s.MessagesReceived), "{message}", "Messages received from Kafka brokers.");
        meter.CreateObservableGauge("messaging.kafka.producer.queue.message_count", () => Each(s => s.QueuedMessages), "{message}",
            "Messages waiting in the producer's queues for delivery.");
        meter.CreateObservableGauge("messaging.kafka.producer.queue.size", () => Each(s => s.QueuedBytes), "By",
            "Bytes of the messages waiting in the producer's queues.");
        meter.CreateObservableGauge("messaging.kafka.client.reply_queue", () => Each(s => s.ReplyQueue), "{event}",
            "Callbacks and events waiting for the application to serve them.");
        meter.CreateObservableGauge("messaging.kafka.consumer.lag", ConsumerLag, "{message}",
            "Messages between a consumer's position and the end of its partition, as librdkafka last saw it.");
    }

    /// <summary>Takes a statistics report; a malformed one is dropped, and the previous numbers stand.</summary>
    public void Record(string json)
    {
        try
        {
            var statistics = KafkaStatistics.Parse(json);
            _latest[statistics.Client] = statistics;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Metrics are best effort: a report librdkafka shaped differently must never disturb the client.
        }
    }

    private IEnumerable<Measurement<long>> Each(Func<KafkaStatistics, long> value) =>
        _latest.Values.Select(statistics => new Measurement<long>(value(statistics), Client(statistics)));

    private IEnumerable<Measurement<long>> ConsumerLag() => _latest.Values.SelectMany(statistics => statistics.ConsumerLag.Select(partition =>
        new Measurement<long>(partition.Lag,
            Client(statistics),
            new KeyValuePair<string, object?>("messaging.destination.name", partition.Topic),
            new KeyValuePair<string, object?>("messaging.destination.partition.id", partition.Partition))));

    private static KeyValuePair<string, object?> Client(KafkaStatistics statistics) => new("messaging.client.id", statistics.Client);
}
