namespace RealtimeSales.Oracle;

/// <summary>A row of <c>partition_checkpoints</c>: where a partition stands; the watermark in ticks, null before any event.</summary>
public sealed record CheckpointRow(int Partition, long NextOffset, long? WatermarkTicks);
