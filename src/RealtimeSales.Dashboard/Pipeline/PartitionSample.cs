namespace RealtimeSales.Dashboard.Pipeline;

/// <summary>One partition as its owner reports it.</summary>
/// <param name="Partition">The partition of the topic.</param>
/// <param name="Owner">The aggregator process (unit) that owns it.</param>
/// <param name="Lag">Messages not yet covered by a checkpoint.</param>
/// <param name="WatermarkSeconds">Its watermark as Unix seconds.</param>
internal sealed record PartitionSample(int Partition, string Owner, double? Lag, double? WatermarkSeconds);
