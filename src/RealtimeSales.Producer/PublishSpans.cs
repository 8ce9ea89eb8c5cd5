using RealtimeSales.Kafka;

namespace RealtimeSales.Producer;

/// <summary>
/// One <c>publish sales</c> span per progress report, covering the messages acknowledged or refused since the last:
/// the producer's traces at the cost of one span every few seconds, nothing per message.
/// </summary>
internal sealed class PublishSpans(string topic, DeliveryCounters counters, TimeProvider clock)
{
    private DateTimeOffset _since = clock.GetUtcNow();
    private long _acknowledged;
    private long _failed;

    /// <summary>Records the span since the previous call (or since this was made). Called from one thread at a time.</summary>
    public void Record()
    {
        var now = clock.GetUtcNow();
        var acknowledged = counters.Acknowledged;
        var failed = counters.Failed;
        if (acknowledged > _acknowledged || failed > _failed)
        {
            KafkaTracing.RecordPublish(topic, acknowledged - _acknowledged, failed - _failed, _since);
        }

        (_since, _acknowledged, _failed) = (now, acknowledged, failed);
    }
}
