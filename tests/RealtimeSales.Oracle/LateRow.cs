namespace RealtimeSales.Oracle;

/// <summary>A row of <c>late_events</c>: ts in whole microseconds (what <c>timestamptz</c> holds), window start in ticks.</summary>
public sealed record LateRow(MessageId Id, string Store, long TsMicros, decimal Price, long WindowStartTicks);
