using static RealtimeSales.Contracts.Tests.CodecAssert;

namespace RealtimeSales.Contracts.Tests;

/// <summary>
/// The aggregator decodes every message on one thread; a valid event must cost no garbage. These count bytes
/// allocated on the test thread, which is deterministic, not time.
/// </summary>
public sealed class SaleEventCodecAllocationTests
{
    [Theory]
    [InlineData("store-1", """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}""")]
    [InlineData("café-1", """{"ts":1764000000.123456,"price":1e2,"item":"cr\u00e8me br\u00fbl\u00e9e","store":"caf\u00e9-1"}""")]
    public void DecodingAValidEventAllocatesNothingAfterWarmUp(string store, string json)
    {
        var stores = new StoreNames();
        var key = Utf8(store);
        var value = Utf8(json);
        Assert.True(SaleEventCodec.TryDecode(key, value, NowMicros, stores, out _, out var rejection), rejection);

        var cents = 0L;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            SaleEventCodec.TryDecode(key, value, NowMicros, stores, out var sale, out _);
            cents += sale.PriceCents;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(cents > 0);
    }
}
