namespace RealtimeSales.Contracts;

/// <summary>
/// A valid event as <see cref="SaleEventParser"/> leaves it: store and item stay as UTF-8 in the caller's
/// buffers, so each <see cref="SaleEventCodec"/>.TryDecode overload materialises only what it returns.
/// </summary>
internal readonly record struct ParsedSale(int StoreLength, int ItemLength, long PriceCents, long TimestampMicros);
