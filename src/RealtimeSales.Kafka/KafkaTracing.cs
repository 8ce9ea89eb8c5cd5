using System.Diagnostics;

namespace RealtimeSales.Kafka;

/// <summary>
/// Spans for batches of messages (activity source <c>RealtimeSales.Kafka</c>), never one per message: a span costs
/// allocations, and the produce and consume paths allocate nothing per message.
/// </summary>
public static class KafkaTracing
{
    public const string SourceName = "RealtimeSales.Kafka";

    private static readonly ActivitySource s_source = new(SourceName);

    /// <summary>
    /// Records a finished <c>publish</c> span over [<paramref name="since"/>, now]: the messages to
    /// <paramref name="topic"/> that the broker acknowledged or refused in that interval. Does nothing when nobody listens.
    /// </summary>
    public static void RecordPublish(string topic, long acknowledged, long failed, DateTimeOffset since)
    {
        using var activity = s_source.StartActivity($"publish {topic}", ActivityKind.Producer, parentContext: default, startTime: since);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.operation.type", "send");
        activity.SetTag("messaging.destination.name", topic);
        activity.SetTag("messaging.batch.message_count", acknowledged + failed);
        activity.SetTag("messaging.kafka.messages.failed", failed);
        if (failed > 0)
        {
            activity.SetStatus(ActivityStatusCode.Error, $"{failed} message(s) refused");
        }
    }
}
