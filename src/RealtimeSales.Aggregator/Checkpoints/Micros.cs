namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>Conversions between the engine's Unix microseconds and PostgreSQL's <c>timestamptz</c> (also microseconds).</summary>
internal static class Micros
{
    public static DateTime ToUtc(long micros) => DateTime.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);

    public static long FromUtc(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    public static decimal Money(long cents) => cents / 100m;

    public static long Cents(decimal money) => (long)(money * 100);
}
