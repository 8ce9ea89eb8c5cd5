namespace RealtimeSales.Aggregator.Windowing;

/// <summary>A final window row for <c>window_revenue</c>.</summary>
internal readonly record struct ClosedWindow(
    string Store, long WindowStartMicros, long WindowEndMicros, long RevenueCents, int EventCount, long ClosedAtMicros);
