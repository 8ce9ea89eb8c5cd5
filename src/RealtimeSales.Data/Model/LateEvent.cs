namespace RealtimeSales.Data.Model;

/// <summary>An event that arrived after its window had closed (or would have); never added to revenue.</summary>
public sealed class LateEvent
{
    public required string Topic { get; set; }

    public required int Partition { get; set; }

    public required long KafkaOffset { get; set; }

    /// <summary>
    /// The Kafka cluster the offset belongs to. A replaced cluster (a DevBroker restart) numbers its
    /// messages from 0 again, so the offset alone no longer identifies a message.
    /// </summary>
    public required string ClusterId { get; set; }

    public required string Store { get; set; }

    /// <summary>The event's own time, <c>ts</c> (UTC).</summary>
    public required DateTime Timestamp { get; set; }

    public required decimal Price { get; set; }

    /// <summary>The start of the window the event belonged to (UTC).</summary>
    public required DateTime WindowStart { get; set; }

    public required DateTime ReceivedAt { get; set; }
}
