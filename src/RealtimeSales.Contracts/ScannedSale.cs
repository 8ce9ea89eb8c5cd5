namespace RealtimeSales.Contracts;

/// <summary>
/// A valid event as <see cref="SaleEventFastPath"/> finds it: store and item are slices of the message value itself
/// (plain ASCII without escapes, so their bytes are their text), price and ts already read.
/// </summary>
internal readonly record struct ScannedSale(
    int StoreStart, int StoreLength, int ItemStart, int ItemLength, long PriceCents, long TimestampMicros);
