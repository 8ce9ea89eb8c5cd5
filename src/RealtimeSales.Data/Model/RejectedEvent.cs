namespace RealtimeSales.Data.Model;

/// <summary>A message that is not a valid sale event, kept with its raw bytes and the reason.</summary>
public sealed class RejectedEvent
{
    public required string Topic { get; set; }

    public required int Partition { get; set; }

    public required long KafkaOffset { get; set; }

    /// <summary>
    /// The Kafka cluster the offset belongs to. A replaced cluster (a DevBroker restart) numbers its
    /// messages from 0 again, so the offset alone no longer identifies a message.
    /// </summary>
    public required string ClusterId { get; set; }

    /// <summary>The Kafka message key as received; <see langword="null"/> when the message had none.</summary>
    public required byte[]? KafkaKey { get; set; }

    /// <summary>The Kafka message value as received; <see langword="null"/> when the message had none.</summary>
    public required byte[]? Payload { get; set; }

    public required string Reason { get; set; }

    public required DateTime ReceivedAt { get; set; }
}
