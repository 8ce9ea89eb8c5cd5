using System.Diagnostics;

namespace RealtimeSales.Aggregator;

/// <summary>Running totals for the periodic progress line. Used on the consumer thread only.</summary>
internal sealed class ProgressTally
{
    private readonly Dictionary<int, long> _lag = [];
    private long _consumedSinceFlush;
    private long _consumed;
    private long _closed;
    private long _late;
    private long _rejected;
    private double _lastCheckpointMs;
    private long _lastReport = Stopwatch.GetTimestamp();
    private long _consumedAtLastReport;

    /// <summary>Counts the messages of one batch.</summary>
    public void CountConsumed(int count)
    {
        _consumed += count;
        _consumedSinceFlush += count;
    }

    /// <summary>Messages consumed since the last call, for the metrics counter.</summary>
    public long TakeConsumed()
    {
        var count = _consumedSinceFlush;
        _consumedSinceFlush = 0;
        return count;
    }

    public void Committed(int closed, int late, int rejected, double durationMs)
    {
        _closed += closed;
        _late += late;
        _rejected += rejected;
        _lastCheckpointMs = durationMs;
    }

    public void Lag(int partition, long lag) => _lag[partition] = lag;

    public void Released(int partition) => _lag.Remove(partition);

    /// <summary>A report when <paramref name="interval"/> has passed since the last one; otherwise null.</summary>
    public ProgressReport? Due(TimeSpan interval)
    {
        var elapsed = Stopwatch.GetElapsedTime(_lastReport);
        if (elapsed < interval)
        {
            return null;
        }

        var rate = (_consumed - _consumedAtLastReport) / elapsed.TotalSeconds;
        _lastReport = Stopwatch.GetTimestamp();
        _consumedAtLastReport = _consumed;
        return new ProgressReport(rate, _consumed, _closed, _late, _rejected, _lag.Values.Sum(), _lastCheckpointMs);
    }
}
