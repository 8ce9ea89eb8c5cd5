namespace RealtimeSales.Web.Pipeline;

/// <summary>A row of <c>partition_checkpoints</c>, as the Pipeline page needs it.</summary>
internal sealed record CheckpointRow(long NextOffset, long Generation, double? WatermarkSeconds);
