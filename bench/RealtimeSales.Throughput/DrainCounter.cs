using System.Diagnostics;

namespace RealtimeSales.Throughput;

/// <summary>Counts a bare consumer's drain against the topic's end, with a progress line every few seconds.</summary>
internal sealed class DrainCounter(string name, IReadOnlyDictionary<int, long> end)
{
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromSeconds(3);

    private readonly long _total = end.Values.Sum();
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastReport = Stopwatch.GetTimestamp();
    private long _consumed;

    public bool Done => _consumed >= _total;

    /// <summary>Events per second from the start to now; read it as soon as <see cref="Done"/>.</summary>
    public double EventsPerSecond => _total / Stopwatch.GetElapsedTime(_started).TotalSeconds;

    public void Count(int messages)
    {
        var before = _consumed;
        _consumed += messages;

        // The clock only every 65,536 messages: on the Consume loop, a clock read per message would be a visible
        // share of what is measured.
        if (before >> 16 != _consumed >> 16 && Stopwatch.GetElapsedTime(_lastReport) >= s_progressInterval)
        {
            Progress.Line($"    {name}: drained {_consumed:N0} of {_total:N0} events");
            _lastReport = Stopwatch.GetTimestamp();
        }
    }

    public TimeoutException Stalled(TimeSpan timeout) =>
        new($"The bare consumer ({name}) got no message within {timeout} after {_consumed:N0} of {_total:N0}.");
}
