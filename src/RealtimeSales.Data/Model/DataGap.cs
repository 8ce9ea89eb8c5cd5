namespace RealtimeSales.Data.Model;

/// <summary>Offsets <c>[FromOffset, ToOffset)</c> of a partition that could not be read, and why.</summary>
public sealed class DataGap
{
    public required string Topic { get; set; }

    public required int Partition { get; set; }

    public required long FromOffset { get; set; }

    /// <summary>
    /// The Kafka cluster the offset belongs to. A replaced cluster (a DevBroker restart) numbers its
    /// messages from 0 again, so the offset alone no longer identifies a message.
    /// </summary>
    public required string ClusterId { get; set; }

    public required long ToOffset { get; set; }

    public required DateTime DetectedAt { get; set; }

    /// <summary>For example <c>retention</c>, or <c>cluster id changed from X to Y</c>.</summary>
    public required string Reason { get; set; }
}
