using static RealtimeSales.Contracts.Tests.CodecAssert;

namespace RealtimeSales.Contracts.Tests;

public sealed class SaleEventCodecAcceptanceTests
{
    public static TheoryData<string, string, long, long> ValidNumbers => new()
    {
        // price and ts as JSON, expected cents, expected Unix microseconds
        { "4.50", "1764000000", 450, 1_764_000_000_000_000 },
        { "4.500", "1764000000", 450, 1_764_000_000_000_000 },
        { "4.5000000000000000000000000000000", "1764000000", 450, 1_764_000_000_000_000 },
        { "4", "1764000000", 400, 1_764_000_000_000_000 },
        { "0", "1764000000", 0, 1_764_000_000_000_000 },
        { "0.00", "1764000000", 0, 1_764_000_000_000_000 },
        { "-0", "1764000000", 0, 1_764_000_000_000_000 },
        { "1000000", "1764000000", 100_000_000, 1_764_000_000_000_000 },
        { "1000000.00", "1764000000", 100_000_000, 1_764_000_000_000_000 },
        { "1e6", "1764000000", 100_000_000, 1_764_000_000_000_000 },
        { "1e2", "1764000000", 10_000, 1_764_000_000_000_000 },
        { "1E-2", "1764000000", 1, 1_764_000_000_000_000 },
        { "450e-2", "1764000000", 450, 1_764_000_000_000_000 },
        { "0.10", "1764000000", 10, 1_764_000_000_000_000 },
        { "4.50", "1764000000.25", 450, 1_764_000_000_250_000 },
        { "4.50", "1764000000.000001", 450, 1_764_000_000_000_001 },
        { "4.50", "1764000000.1234569", 450, 1_764_000_000_123_456 },
        { "4.50", "1764000000.1234569999999999999999999", 450, 1_764_000_000_123_456 },
        { "4.50", "1.764e9", 450, 1_764_000_000_000_000 },
        { "4.50", "17640000005E-1", 450, 1_764_000_000_500_000 },
        { "4.50", "0", 450, 0 },
        { "4.50", "-0.0", 450, 0 },
        { "4.50", "1e-400", 450, 0 },
        { "4.50", "1764000300", 450, 1_764_000_300_000_000 },
        { "4.50", "1764000300.0000009", 450, 1_764_000_300_000_000 },
    };

    [Theory]
    [MemberData(nameof(ValidNumbers))]
    public void PriceAndTimestampAreReadExactly(string price, string ts, long cents, long micros)
    {
        var sale = Accepted(Utf8("store-1"), Utf8($$"""{"store":"store-1","item":"coffee","price":{{price}},"ts":{{ts}}}"""));

        Assert.Equal(cents, sale.Price * 100);
        Assert.Equal(2, sale.Price.Scale);
        Assert.Equal(micros, sale.TimestampMicros);
    }

    public static TheoryData<string, string, string, string> ValidStrings => new()
    {
        // store and item as JSON, expected store and item
        { "\"store-1\"", "\"coffee\"", "store-1", "coffee" },
        { "\"\\u0073tore-1\"", "\"caf\\u00e9 \\\"cr\\u00e8me\\\"\"", "store-1", "café \"crème\"" },
        { "\"café-1\"", "\"crème brûlée\"", "café-1", "crème brûlée" },
        { "\"caf\\u00e9-1\"", "\"tea\"", "café-1", "tea" },
        { "\"店-1\"", "\"\\ud83d\\ude00\"", "店-1", "😀" },
        { "\"store\\/1\"", "\"line\\nbreak\\ttab\\u0000nul\"", "store/1", "line\nbreak\ttab\0nul" },
        { $"\"{new string('s', 64)}\"", $"\"{new string('i', 128)}\"", new string('s', 64), new string('i', 128) },
        { $"\"{new string('é', 64)}\"", $"\"{new string('é', 128)}\"", new string('é', 64), new string('é', 128) },
        { $"\"{string.Concat(Enumerable.Repeat("😀", 64))}\"", $"\"{string.Concat(Enumerable.Repeat("😀", 128))}\"", string.Concat(Enumerable.Repeat("😀", 64)), string.Concat(Enumerable.Repeat("😀", 128)) },
        { $"\"{string.Concat(Enumerable.Repeat("\\ud83d\\ude00", 64))}\"", $"\"{string.Concat(Enumerable.Repeat("\\u0041", 128))}\"", string.Concat(Enumerable.Repeat("😀", 64)), new string('A', 128) },
    };

    [Theory]
    [MemberData(nameof(ValidStrings))]
    public void StoreAndItemAreUnescapedAndCountedInCharacters(string storeJson, string itemJson, string store, string item)
    {
        var sale = Accepted(Utf8(store), Utf8($$"""{"store":{{storeJson}},"item":{{itemJson}},"price":4.50,"ts":1764000000}"""));

        Assert.Equal(store, sale.Store);
        Assert.Equal(item, sale.Item);
    }

    [Theory]
    [InlineData("""{"ts":1764000000,"price":4.50,"item":"coffee","store":"store-1"}""")]
    [InlineData("""{"\u0073tore":"store-1","it\u0065m":"coffee","pric\u0065":4.50,"t\u0073":1764000000}""")]
    [InlineData(" \r\n\t{ \"store\" : \"store-1\" ,\n  \"item\" : \"coffee\" ,\n  \"price\" : 4.50 ,\n  \"ts\" : 1764000000 }\n ")]
    public void FieldOrderEscapedNamesAndWhitespaceDoNotMatter(string value)
    {
        var sale = Accepted(Utf8("store-1"), Utf8(value));

        Assert.Equal(new SaleEvent("store-1", "coffee", 4.50m, 1_764_000_000_000_000), sale);
    }

    [Fact]
    public void HotPathFormCarriesStoreCentsAndMicros()
    {
        var value = Utf8("""{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000.25}""");

        Assert.True(SaleEventCodec.TryDecode(Utf8("store-1"), value, NowMicros, new StoreNames(), out var sale, out var rejection), rejection);
        Assert.Equal(new Sale("store-1", 450, 1_764_000_000_250_000), sale);
    }
}
