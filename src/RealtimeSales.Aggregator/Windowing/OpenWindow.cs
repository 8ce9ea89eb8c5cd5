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

    /// <summary>A row for it exists in <c>open_windows</c> as of the last committed checkpoint.</summary>
    public bool Persisted { get; set; }

    /// <summary>Changed since the last committed checkpoint (already queued for upsert).</summary>
    public bool Dirty { get; set; }

    /// <summary>The watermark passed its end; it is now a row of <c>window_revenue</c> and never changes again.</summary>
    public bool Closed { get; set; }
}
