namespace RealtimeSales.Web.Pipeline;

/// <summary>One partition of the topic: how far its checkpoint is behind the end of its log, and its watermark.</summary>
/// <param name="Partition">The partition of the topic.</param>
/// <param name="Generation">The checkpoint's generation (bumped by each new owner); null before the first claim.</param>
/// <param name="Lag">Messages at the broker not yet covered by a checkpoint; null when Kafka could not be read.</param>
/// <param name="WatermarkSeconds">Its watermark as Unix seconds; null before any event.</param>
internal sealed record PartitionSample(int Partition, long? Generation, double? Lag, double? WatermarkSeconds);
