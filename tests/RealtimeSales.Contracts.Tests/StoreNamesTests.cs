using static RealtimeSales.Contracts.Tests.CodecAssert;

namespace RealtimeSales.Contracts.Tests;

public sealed class StoreNamesTests
{
    [Fact]
    public void SameBytesGiveTheSameInstance()
    {
        var stores = new StoreNames();

        var first = stores.Intern("store-1"u8.ToArray());
        var second = stores.Intern("store-1"u8.ToArray());

        Assert.Equal("store-1", first);
        Assert.Same(first, second);
        Assert.Equal(1, stores.Count);
    }

    [Fact]
    public void DifferentStoresGiveDifferentNames()
    {
        var stores = new StoreNames();

        Assert.Equal("store-1", stores.Intern("store-1"u8));
        Assert.Equal("café-1", stores.Intern("café-1"u8));
        Assert.Equal("Store-1", stores.Intern("Store-1"u8));
        Assert.Equal(3, stores.Count);
    }

    [Fact]
    public void IdLongerThanAnyValidStoreIsStillInterned()
    {
        var stores = new StoreNames();
        var id = string.Concat(Enumerable.Repeat("店", 500));

        Assert.Same(stores.Intern(Utf8(id)), stores.Intern(Utf8(id)));
    }

    [Fact]
    public void InvalidUtf8IsRefused()
    {
        var stores = new StoreNames();

        Assert.Throws<ArgumentException>(() => stores.Intern([0x73, 0xC3]));
    }

    [Fact]
    public void DecodedSalesShareTheStoreInstance()
    {
        var stores = new StoreNames();
        var key = "store-1"u8.ToArray();

        Assert.True(SaleEventCodec.TryDecode(key, """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}"""u8, NowMicros, stores, out var first, out _));
        Assert.True(SaleEventCodec.TryDecode(key, """{"store":"\u0073tore-1","item":"tea","price":3.00,"ts":1764000001}"""u8, NowMicros, stores, out var second, out _));

        Assert.Same(first.Store, second.Store);
    }
}
