namespace RealtimeSales.Aggregator.Windowing;

/// <summary>
/// Running totals of one store's window in one partition. Mutable on purpose: the hot path adds to it
/// in place instead of allocating per event.
/// </summary>
internal sealed class OpenWindow(string store, long windowStartMicros)
{
    public string Store { get; } = store;

    public long WindowStartMicros { get; } = windowStartMicros;

    public long RevenueCents { get; set; }

    public int EventCount { get; set; }

    /// <summary>A row for it is in <c>open_windows</c> once the deltas sealed so far have committed.</summary>
    public bool Persisted { get; set; }

    /// <summary>Changed since the last sealed delta (already queued for it).</summary>
    public bool Dirty { get; set; }

    /// <summary>The watermark passed its end; it is now the partition's share of a <c>window_revenue</c> row and never changes again.</summary>
    public bool Closed { get; set; }

    public OpenWindowState State => new(Store, WindowStartMicros, RevenueCents, EventCount);
}
