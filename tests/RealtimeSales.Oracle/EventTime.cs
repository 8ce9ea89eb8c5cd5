using System.Globalization;

namespace RealtimeSales.Oracle;

/// <summary>
/// An event's <c>ts</c> as floor(ts × 10^7): 100 ns ticks since the Unix epoch, plus whether the JSON carried digits
/// below a tick. Every bound the rules compare against (window edges, W, D, the clock) is a whole number of ticks,
/// so comparisons on the floor are exact: ts ≥ b ⇔ floor(ts) ≥ b for an integer b.
/// </summary>
/// <param name="Ticks">floor(ts × 10^7).</param>
/// <param name="BelowTicks">The exact ts is above <paramref name="Ticks"/> by a fraction of a tick.</param>
public readonly record struct EventTime(long Ticks, bool BelowTicks)
{
    /// <summary>Whether the exact ts is strictly after <paramref name="ticks"/>.</summary>
    public bool IsAfter(long ticks) => Ticks > ticks || (Ticks == ticks && BelowTicks);

    /// <summary>The whole microseconds a <c>timestamptz</c> can hold on either side of the exact ts (equal when it is exact).</summary>
    public (long Floor, long Ceiling) Microseconds =>
        (Ticks / 10, (Ticks / 10) + (Ticks % 10 != 0 || BelowTicks ? 1 : 0));

    public override string ToString() => Format(Ticks) + (BelowTicks ? "+" : "");

    /// <summary>Ticks since the Unix epoch as an ISO 8601 UTC time, for messages.</summary>
    public static string Format(long ticks) =>
        DateTime.UnixEpoch.AddTicks(ticks).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
