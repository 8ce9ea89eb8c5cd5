namespace RealtimeSales.Oracle;

/// <summary>A message that passed every rule of DESIGN.md's Event table except the clock rule, which needs a clock.</summary>
/// <param name="Store">The unescaped store id.</param>
/// <param name="Item">The unescaped item.</param>
/// <param name="Price">The exact price: at most two decimal places, 0 to 1,000,000.</param>
/// <param name="Time">The exact <c>ts</c>.</param>
public sealed record Receipt(string Store, string Item, decimal Price, EventTime Time)
{
    /// <summary>DESIGN.md: ts may be at most 5 minutes ahead of the aggregator's clock.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    /// <summary>Whether ts is more than <see cref="MaxAhead"/> after <paramref name="clock"/> (exact).</summary>
    public bool IsAheadOf(DateTimeOffset clock) => Time.IsAfter((clock - DateTimeOffset.UnixEpoch).Ticks + MaxAhead.Ticks);
}
