namespace RealtimeSales.Aggregator.Windowing;

/// <summary>
/// Window size W, watermark delay D and idle timeout I in Unix microseconds, the unit of event time
/// throughout the engine (PostgreSQL's <c>timestamptz</c> resolution, so nothing is rounded twice).
/// </summary>
internal readonly record struct WindowSpec(long SizeMicros, long WatermarkDelayMicros, long IdleTimeoutMicros)
{
    public static WindowSpec From(TimeSpan size, TimeSpan watermarkDelay, TimeSpan idleTimeout) =>
        new(Micros(size), Micros(watermarkDelay), Micros(idleTimeout));

    /// <summary><c>floor(ts / W) * W</c>: windows are aligned to the Unix epoch.</summary>
    public long WindowStart(long timestampMicros) =>
        timestampMicros - (((timestampMicros % SizeMicros) + SizeMicros) % SizeMicros);

    private static long Micros(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;
}
