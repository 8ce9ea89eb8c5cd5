namespace RealtimeSales.Contracts;

/// <summary>
/// The hot-path form of a <see cref="SaleEvent"/> that the aggregator keeps: no item, price in whole cents.
/// Produced without allocation by
/// <see cref="SaleEventCodec.TryDecode(ReadOnlySpan{byte}, ReadOnlySpan{byte}, long, StoreNames, out Sale, out string?)"/>.
/// </summary>
/// <param name="Store">Store id, interned by <see cref="StoreNames"/>.</param>
/// <param name="PriceCents">Price in cents: 0 to 100,000,000.</param>
/// <param name="TimestampMicros">Event time in Unix microseconds.</param>
public readonly record struct Sale(string Store, long PriceCents, long TimestampMicros);
