using RealtimeSales.Contracts;

namespace RealtimeSales.Aggregator.Windowing;

/// <summary>
/// The window engine for one Kafka partition (DESIGN.md, "Windowing semantics"): open windows, the
/// watermark, and everything that changed since the last committed checkpoint. Pure: no Kafka, no
/// database; the caller supplies events in offset order and the wall clock.
/// </summary>
internal sealed class PartitionWindows
{
    private readonly WindowSpec _spec;

    /// <summary>Open windows grouped by start, ascending; rarely more than a handful, so a list beats a tree.</summary>
    private readonly List<WindowBucket> _buckets = [];
    private readonly List<OpenWindow> _dirty = [];
    private readonly List<OpenWindow> _deleted = [];
    private readonly List<ClosedWindow> _closed = [];
    private readonly List<LateEvent> _late = [];
    private readonly List<RejectedEvent> _rejected = [];
    private readonly List<DataGap> _gaps = [];
    private long _lastEventAtMicros;
    private long _committedWatermark;

    public PartitionWindows(WindowSpec spec, PartitionCheckpoint checkpoint, IEnumerable<OpenWindow> openWindows, long nowMicros)
    {
        _spec = spec;
        NextOffset = checkpoint.NextOffset;
        CommittedNextOffset = checkpoint.NextOffset;
        MaxTimestampMicros = checkpoint.MaxTimestampMicros;
        WatermarkMicros = checkpoint.WatermarkMicros;
        _committedWatermark = checkpoint.WatermarkMicros;
        _lastEventAtMicros = nowMicros;
        foreach (var window in openWindows)
        {
            window.Persisted = true;
            Bucket(window.WindowStartMicros).Windows.Add(window.Store, window);
        }
    }

    public long NextOffset { get; private set; }

    /// <summary>The next offset as of the last committed checkpoint; the fence for the next one.</summary>
    public long CommittedNextOffset { get; private set; }

    public long? MaxTimestampMicros { get; private set; }

    public long WatermarkMicros { get; private set; }

    public int OpenWindowCount => _buckets.Sum(bucket => bucket.Windows.Count);

    public bool HasChanges =>
        NextOffset != CommittedNextOffset || WatermarkMicros != _committedWatermark || _gaps.Count > 0;

    public PartitionCheckpoint Checkpoint => new(NextOffset, MaxTimestampMicros, WatermarkMicros);

    public IReadOnlyList<ClosedWindow> ClosedWindows => _closed;

    public IReadOnlyList<LateEvent> LateEvents => _late;

    public IReadOnlyList<RejectedEvent> RejectedEvents => _rejected;

    public IReadOnlyList<DataGap> Gaps => _gaps;

    /// <summary>Open windows to upsert: changed since the last checkpoint and still open.</summary>
    public IEnumerable<OpenWindow> ChangedOpenWindows => _dirty.Where(window => !window.Closed);

    /// <summary>Windows closed since the last checkpoint whose <c>open_windows</c> row must go.</summary>
    public IReadOnlyList<OpenWindow> DeletedOpenWindows => _deleted;

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
        _lastEventAtMicros = nowMicros;
    }

    /// <summary>Records a message that is not a valid sale; it moves the offset, never the watermark.</summary>
    public void Reject(long offset, byte[]? key, byte[]? payload, string reason, long nowMicros)
    {
        _rejected.Add(new RejectedEvent(offset, key, payload, reason, nowMicros));
        NextOffset = offset + 1;
    }

    /// <summary>Offsets up to <paramref name="nextOffset"/> can no longer be read: record the gap and go on from there.</summary>
    public void SkipTo(long nextOffset, string reason, long nowMicros)
    {
        _gaps.Add(new DataGap(NextOffset, nextOffset, reason, nowMicros));
        NextOffset = nextOffset;
    }

    /// <summary>
    /// Called while the consumer is at the end of the partition: after <c>IdleTimeout</c> of wall-clock
    /// silence the watermark moves on at wall-clock speed, <c>wm = max(wm, max_ts - D + (idle - I))</c>.
    /// </summary>
    public void AdvanceIfIdle(long nowMicros)
    {
        var idleMicros = nowMicros - _lastEventAtMicros;
        if (MaxTimestampMicros is { } maxTs && idleMicros >= _spec.IdleTimeoutMicros)
        {
            AdvanceWatermark(maxTs - _spec.WatermarkDelayMicros + (idleMicros - _spec.IdleTimeoutMicros), nowMicros);
        }
    }

    /// <summary>The checkpoint holding everything pending has committed: start a new delta.</summary>
    public void MarkCommitted()
    {
        foreach (var window in _dirty)
        {
            window.Dirty = false;
            window.Persisted = !window.Closed;
        }

        _dirty.Clear();
        _deleted.Clear();
        _closed.Clear();
        _late.Clear();
        _rejected.Clear();
        _gaps.Clear();
        CommittedNextOffset = NextOffset;
        _committedWatermark = WatermarkMicros;
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
                _deleted.Add(window);
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
