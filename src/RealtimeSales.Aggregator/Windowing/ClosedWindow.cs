namespace RealtimeSales.Aggregator.Windowing;

/// <summary>
/// One partition's share of a closed window: a row of <c>window_shares</c>, added to the store's
/// <c>window_revenue</c> row in the same transaction.
/// </summary>
internal readonly record struct ClosedWindow(
    string Store, long WindowStartMicros, long WindowEndMicros, long RevenueCents, int EventCount, long ClosedAtMicros);
