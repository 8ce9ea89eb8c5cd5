namespace RealtimeSales.Contracts;

/// <summary>
/// One sales receipt as published to the <see cref="Topics.Sales"/> topic:
/// <c>{"store":"store-7","item":"coffee","price":4.50,"ts":1764000000}</c>, keyed by <see cref="Store"/>.
/// </summary>
/// <param name="Store">Store id; also the Kafka key.</param>
/// <param name="Item">What was sold.</param>
/// <param name="Price">Exact price, at most two decimal places.</param>
/// <param name="TimestampMicros">Event time in Unix microseconds (the JSON <c>ts</c> is Unix seconds).</param>
public sealed record SaleEvent(string Store, string Item, decimal Price, long TimestampMicros)
{
    /// <summary>Event time as a <see cref="DateTimeOffset"/> (UTC).</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(TimestampMicros * TimeSpan.TicksPerMicrosecond);
}
