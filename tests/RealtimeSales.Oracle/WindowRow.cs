namespace RealtimeSales.Oracle;

/// <summary>A row of <c>window_revenue</c>; times in ticks since the Unix epoch.</summary>
public sealed record WindowRow(string Store, long StartTicks, long EndTicks, decimal Revenue, long EventCount, DateTime? ClosedAt);
