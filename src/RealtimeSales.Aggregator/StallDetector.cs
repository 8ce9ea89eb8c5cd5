namespace RealtimeSales.Aggregator;

/// <summary>
/// Notices when the consume thread went longer than <paramref name="threshold"/> of wall-clock time between two
/// polls (a GC or VM pause, a SIGSTOP, a database call that blocked): what it knew then about the ends of its
/// partitions may be stale. Measured on the wall clock, the clock the idle rule runs on, so a VM pause that the
/// monotonic clock does not see still counts.
/// </summary>
internal sealed class StallDetector(TimeSpan threshold)
{
    private readonly long _thresholdMicros = threshold.Ticks / TimeSpan.TicksPerMicrosecond;
    private long? _lastPollMicros;

    /// <summary>Records a poll at <paramref name="nowMicros"/>; returns the gap since the previous one if it was a stall.</summary>
    public TimeSpan? Poll(long nowMicros)
    {
        var previous = _lastPollMicros;
        _lastPollMicros = nowMicros;
        return previous is { } last && nowMicros - last > _thresholdMicros
            ? TimeSpan.FromMicroseconds(nowMicros - last)
            : null;
    }
}
