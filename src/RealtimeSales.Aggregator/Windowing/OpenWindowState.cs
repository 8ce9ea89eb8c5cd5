namespace RealtimeSales.Aggregator.Windowing;

/// <summary>An open window's totals as of a sealed delta; a row of <c>open_windows</c> (to upsert, or the key to delete).</summary>
internal readonly record struct OpenWindowState(string Store, long WindowStartMicros, long RevenueCents, int EventCount);
