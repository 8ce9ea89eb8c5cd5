using System.Diagnostics;

namespace RealtimeSales.Producer;

/// <summary>Thread-safe tallies shared by the producing thread and librdkafka's delivery-report thread.</summary>
internal sealed class DeliveryCounters
{
    private readonly Lock _sampleLock = new();
    private long _sent;
    private long _acknowledged;
    private long _valid;
    private long _late;
    private long _malformed;
    private long _failed;
    private long _sampleTimestamp = Stopwatch.GetTimestamp();
    private long _sampleAcknowledged;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Failed => Interlocked.Read(ref _failed);

    public long InFlight => Interlocked.Read(ref _sent) - Acknowledged - Failed;

    public void Sent() => Interlocked.Increment(ref _sent);

    public void Failure() => Interlocked.Increment(ref _failed);

    public void Acknowledge(MessageKind kind)
    {
        Interlocked.Increment(ref _acknowledged);
        if (kind == MessageKind.Late)
        {
            Interlocked.Increment(ref _late);
        }
        else if (kind == MessageKind.Malformed)
        {
            Interlocked.Increment(ref _malformed);
        }
        else
        {
            Interlocked.Increment(ref _valid);
        }
    }

    /// <summary>
    /// Acknowledged messages by kind, each its own tally, so that every one only ever grows as metrics read it
    /// (a difference of two tallies read one after the other could step back).
    /// </summary>
    public (long Valid, long Late, long Malformed) AcknowledgedByKind() =>
        (Interlocked.Read(ref _valid), Interlocked.Read(ref _late), Interlocked.Read(ref _malformed));

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
            return new RateSample(rate, acknowledged, Interlocked.Read(ref _late), Interlocked.Read(ref _malformed));
        }
    }

    internal readonly record struct RateSample(double RatePerSecond, long Acknowledged, long Late, long Malformed);
}
