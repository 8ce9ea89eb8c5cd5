using System.Diagnostics;

namespace RealtimeSales.Producer;

/// <summary>Thread-safe tallies shared by the producing thread and librdkafka's delivery-report thread.</summary>
/// <remarks>
/// Hot path: both threads count every message. The producing thread's tally and the delivery reports' tallies sit
/// on different cache lines (slots of one array, far apart), so that the two cores do not pass one line back and
/// forth for every message.
/// </remarks>
internal sealed class DeliveryCounters
{
    // Slots of _tallies: the producing thread writes SentTotal; the delivery reports write the others.
    private const int SentTotal = 8;
    private const int AcknowledgedTotal = 24;
    private const int Valid = 25;
    private const int Late = 26;
    private const int Malformed = 27;
    private const int Failures = 28;

    private readonly long[] _tallies = new long[40];
    private readonly Lock _sampleLock = new();
    private long _sampleTimestamp = Stopwatch.GetTimestamp();
    private long _sampleAcknowledged;

    public long Acknowledged => Interlocked.Read(ref _tallies[AcknowledgedTotal]);

    public long Failed => Interlocked.Read(ref _tallies[Failures]);

    public long InFlight => Interlocked.Read(ref _tallies[SentTotal]) - Acknowledged - Failed;

    public void Sent() => Interlocked.Increment(ref _tallies[SentTotal]);

    public void Failure() => Interlocked.Increment(ref _tallies[Failures]);

    public void Acknowledge(MessageKind kind)
    {
        Interlocked.Increment(ref _tallies[AcknowledgedTotal]);
        Interlocked.Increment(ref _tallies[kind switch
        {
            MessageKind.Late => Late,
            MessageKind.Malformed => Malformed,
            _ => Valid,
        }]);
    }

    /// <summary>
    /// Acknowledged messages by kind, each its own tally, so that every one only ever grows as metrics read it
    /// (a difference of two tallies read one after the other could step back).
    /// </summary>
    public (long Valid, long Late, long Malformed) AcknowledgedByKind() =>
        (Interlocked.Read(ref _tallies[Valid]), Interlocked.Read(ref _tallies[Late]), Interlocked.Read(ref _tallies[Malformed]));

    /// <summary>Acknowledgement rate since the previous sample, plus the running totals.</summary>
    public RateSample TakeRateSample()
    {
        lock (_sampleLock)
        {
            var now = Stopwatch.GetTimestamp();
            var acknowledged = Acknowledged;
            var seconds = Stopwatch.GetElapsedTime(_sampleTimestamp, now).TotalSeconds;
            var rate = seconds > 0 ? (acknowledged - _sampleAcknowledged) / seconds : 0;
            _sampleTimestamp = now;
            _sampleAcknowledged = acknowledged;
            return new RateSample(rate, acknowledged, Interlocked.Read(ref _tallies[Late]), Interlocked.Read(ref _tallies[Malformed]));
        }
    }

    internal readonly record struct RateSample(double RatePerSecond, long Acknowledged, long Late, long Malformed);
}
