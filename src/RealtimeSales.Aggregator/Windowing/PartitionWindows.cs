using RealtimeSales.Contracts;

namespace RealtimeSales.Aggregator.Windowing;

/// <summary>
/// The window engine for one Kafka partition (DESIGN.md, "Windowing semantics"): open windows, the
/// watermark, and everything that changed since the last sealed delta. Pure: no Kafka, no database; the
/// caller supplies events in offset order, the wall clock, and whether the consumer is at the partition's end.
/// </summary>
internal sealed class PartitionWindows
{
    private readonly WindowSpec _spec;

    /// <summary>Open windows grouped by start, ascending; rarely more than a handful, so a list beats a tree.</summary>
    private readonly List<WindowBucket> _buckets = [];
    private List<OpenWindow> _dirty = [];
    private List<OpenWindowState> _deleted = [];
    private List<ClosedWindow> _closed = [];
    private List<LateEvent> _late = [];
    private List<RejectedEvent> _rejected = [];
    private List<DataGap> _gaps = [];
    private long _sealedNextOffset;
    private long _sealedWatermark;

    /// <summary>Wall-clock time since which the consumer is known to be at the end of the partition; null when it is not.</summary>
    private long? _caughtUpAtMicros;

    public PartitionWindows(WindowSpec spec, PartitionCheckpoint checkpoint, IEnumerable<OpenWindow> openWindows)
    {
        _spec = spec;
        NextOffset = checkpoint.NextOffset;
        _sealedNextOffset = checkpoint.NextOffset;
        MaxTimestampMicros = checkpoint.MaxTimestampMicros;
        WatermarkMicros = checkpoint.WatermarkMicros;
        _sealedWatermark = checkpoint.WatermarkMicros;
        foreach (var window in openWindows)
        {
            window.Persisted = true;
            Bucket(window.WindowStartMicros).Windows.Add(window.Store, window);
        }
    }

    public long NextOffset { get; private set; }

    public long? MaxTimestampMicros { get; private set; }

    public long WatermarkMicros { get; private set; }

    public int OpenWindowCount => _buckets.Sum(bucket => bucket.Windows.Count);

    /// <summary>Anything to write since the last sealed delta.</summary>
    public bool HasChanges =>
        NextOffset != _sealedNextOffset || WatermarkMicros != _sealedWatermark || _gaps.Count > 0;

    /// <summary>Windows closed since the last sealed delta.</summary>
    public int PendingClosedWindows => _closed.Count;

    /// <summary>The consumer is known to be at the end of the partition.</summary>
    public bool IsCaughtUp => _caughtUpAtMicros is not null;

    /// <summary>
    /// Applies one valid sale at <paramref name="offset"/>: late if its window has closed (or would have),
    /// otherwise added to its window, after which the watermark advances and closes what it passes.
    /// </summary>
    public void Add(long offset, in Sale sale, long nowMicros)
    {
        // Hot path: one dictionary lookup per event and no allocation unless a window opens.
        var windowStart = _spec.WindowStart(sale.TimestampMicros);
        if (windowStart + _spec.SizeMicros <= WatermarkMicros)
        {
            _late.Add(new LateEvent(offset, sale.Store, sale.TimestampMicros, sale.PriceCents, windowStart, nowMicros));
        }
        else
        {
            var window = Window(sale.Store, windowStart);
            window.RevenueCents += sale.PriceCents;
            window.EventCount++;
            if (!window.Dirty)
            {
                window.Dirty = true;
                _dirty.Add(window);
            }

            if (MaxTimestampMicros is not { } maxTs || sale.TimestampMicros > maxTs)
            {
                MaxTimestampMicros = sale.TimestampMicros;
                AdvanceWatermark(sale.TimestampMicros - _spec.WatermarkDelayMicros, nowMicros);
            }
        }

        NextOffset = offset + 1;
        _caughtUpAtMicros = null;
    }

    /// <summary>Records a message that is not a valid sale; it moves the offset, never the watermark.</summary>
    public void Reject(long offset, byte[]? key, byte[]? payload, string reason, long nowMicros)
    {
        _rejected.Add(new RejectedEvent(offset, key, payload, reason, nowMicros));
        NextOffset = offset + 1;
        _caughtUpAtMicros = null;
    }

    /// <summary>Offsets up to <paramref name="nextOffset"/> can no longer be read: record the gap and go on from there.</summary>
    public void SkipTo(long nextOffset, string reason, long nowMicros)
    {
        _gaps.Add(new DataGap(NextOffset, nextOffset, reason, nowMicros));
        NextOffset = nextOffset;
        _caughtUpAtMicros = null;
    }

    /// <summary>
    /// The consumer has reached the end of the partition: nothing newer exists at the broker as of
    /// <paramref name="nowMicros"/>. Idle time counts from the first such moment after the last message.
    /// </summary>
    public void CaughtUp(long nowMicros) => _caughtUpAtMicros ??= nowMicros;

    /// <summary>
    /// What the consumer knew about the end of the partition is stale (the consume thread stalled): idle time
    /// starts again once it is caught up afresh, so a pause is never taken for silence.
    /// </summary>
    public void ForgetCaughtUp() => _caughtUpAtMicros = null;

    /// <summary>
    /// While the consumer is caught up, after <c>IdleTimeout</c> the watermark moves on at wall-clock speed:
    /// <c>wm = max(wm, max_ts - D + (idle - I))</c>, where idle counts from when the consumer caught up.
    /// </summary>
    public void AdvanceIfIdle(long nowMicros)
    {
        if (_caughtUpAtMicros is not { } since || MaxTimestampMicros is not { } maxTs)
        {
            return;
        }

        var idleMicros = nowMicros - since;
        if (idleMicros >= _spec.IdleTimeoutMicros)
        {
            AdvanceWatermark(maxTs - _spec.WatermarkDelayMicros + (idleMicros - _spec.IdleTimeoutMicros), nowMicros);
        }
    }

    /// <summary>
    /// Takes everything changed since the previous delta and starts a new one. Deltas must be committed in the
    /// order they were sealed, each exactly once; a partition whose delta cannot commit is dropped, never resealed.
    /// </summary>
    public WindowDelta Seal()
    {
        List<OpenWindowState> changed = [];
        foreach (var window in _dirty)
        {
            window.Dirty = false;
            if (!window.Closed)
            {
                changed.Add(window.State);
                window.Persisted = true;
            }
        }

        var delta = new WindowDelta(new PartitionCheckpoint(NextOffset, MaxTimestampMicros, WatermarkMicros),
            _closed, changed, _deleted, _late, _rejected, _gaps);
        _dirty = [];
        _deleted = [];
        _closed = [];
        _late = [];
        _rejected = [];
        _gaps = [];
        _sealedNextOffset = NextOffset;
        _sealedWatermark = WatermarkMicros;
        return delta;
    }

    private void AdvanceWatermark(long candidate, long nowMicros)
    {
        if (candidate <= WatermarkMicros)
        {
            return;
        }

        WatermarkMicros = candidate;
        while (_buckets.Count > 0 && _buckets[0].StartMicros + _spec.SizeMicros <= WatermarkMicros)
        {
            Close(_buckets[0], nowMicros);
            _buckets.RemoveAt(0);
        }
    }

    private void Close(WindowBucket bucket, long nowMicros)
    {
        var end = bucket.StartMicros + _spec.SizeMicros;
        foreach (var window in bucket.Windows.Values)
        {
            window.Closed = true;
            _closed.Add(new ClosedWindow(window.Store, window.WindowStartMicros, end, window.RevenueCents, window.EventCount, nowMicros));
            if (window.Persisted)
            {
                _deleted.Add(window.State);
            }
        }
    }
    private OpenWindow Window(string store, long windowStart)
    {
        var windows = Bucket(windowStart).Windows;
        if (!windows.TryGetValue(store, out var window))
        {
            window = new OpenWindow(store, windowStart);
            windows.Add(store, window);
        }

        return window;
    }

    private WindowBucket Bucket(long windowStart)
    {
        // Newest first: in-order traffic lands in the last bucket.
        var index = _buckets.Count - 1;
        while (index >= 0 && _buckets[index].StartMicros > windowStart)
        {
            index--;
        }

        if (index >= 0 && _buckets[index].StartMicros == windowStart)
        {
            return _buckets[index];
        }

        var bucket = new WindowBucket(windowStart);
        _buckets.Insert(index + 1, bucket);
        return bucket;
    }

    private sealed class WindowBucket(long startMicros)
    {
        public long StartMicros { get; } = startMicros;

        public Dictionary<string, OpenWindow> Windows { get; } = new(StringComparer.Ordinal);
    }
}
