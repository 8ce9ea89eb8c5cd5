namespace RealtimeSales.Aggregator.Windowing;

/// <summary>
/// The durable position of one partition: the next offset to read, the highest event time seen and
/// the watermark (stored so that replay after a restart is deterministic).
/// </summary>
internal readonly record struct PartitionCheckpoint(long NextOffset, long? MaxTimestampMicros, long WatermarkMicros)
{
    /// <summary>A partition never read: from offset 0 (or the log's start), watermark minus infinity.</summary>
    public static PartitionCheckpoint Empty(long nextOffset) => new(nextOffset, null, Watermark.MinusInfinity);
}
