using System.Text;

namespace RealtimeSales.Oracle.Tests;

public sealed class ReceiptDecoderAcceptanceTests
{
    private static readonly byte[] s_key = "store-1"u8.ToArray();

    public static TheoryData<string, string, decimal, long, bool> ValidNumbers => new()
    {
        // price and ts as JSON; the exact price; floor(ts) in ticks; whether digits remain below a tick
        { "4.50", "1764000000", 4.50m, 17_640_000_000_000_000, false },
        { "4.500", "1764000000", 4.50m, 17_640_000_000_000_000, false },
        { "4.5000000000000000000000000000000", "1764000000", 4.50m, 17_640_000_000_000_000, false },
        { "4", "1764000000", 4m, 17_640_000_000_000_000, false },
        { "0", "0", 0m, 0, false },
        { "-0", "-0.0", 0m, 0, false },
        { "0.00", "1764000000", 0m, 17_640_000_000_000_000, false },
        { "1000000", "1764000000", 1_000_000m, 17_640_000_000_000_000, false },
        { "1000000.00", "1764000000", 1_000_000m, 17_640_000_000_000_000, false },
        { "1e6", "1764000000", 1_000_000m, 17_640_000_000_000_000, false },
        { "1E-2", "1764000000", 0.01m, 17_640_000_000_000_000, false },
        { "450e-2", "1.764e9", 4.50m, 17_640_000_000_000_000, false },
        { "4.50", "1764000000.25", 4.50m, 17_640_000_002_500_000, false },
        { "4.50", "1764000000.0000001", 4.50m, 17_640_000_000_000_001, false },
        { "4.50", "1764000000.00000001", 4.50m, 17_640_000_000_000_000, true },
        { "4.50", "1764000000.1234569999999999999999999", 4.50m, 17_640_000_001_234_569, true },
        { "4.50", "17640000005E-1", 4.50m, 17_640_000_005_000_000, false },
        { "4.50", "1e-400", 4.50m, 0, true },
        { "4.50", "1e-99999999999999999999", 4.50m, 0, true },
        { "0e99999999999999999999", "0e-5", 0m, 0, false },
    };

    [Theory]
    [MemberData(nameof(ValidNumbers))]
    public void PriceAndTimestampAreReadExactly(string price, string ts, decimal expectedPrice, long ticks, bool belowTicks)
    {
        var receipt = Accepted(s_key, $$"""{"store":"store-1","item":"coffee","price":{{price}},"ts":{{ts}}}""");

        Assert.Equal(expectedPrice, receipt.Price);
        Assert.Equal(new EventTime(ticks, belowTicks), receipt.Time);
    }

    public static TheoryData<string, string, string, string> ValidStrings => new()
    {
        // store and item as JSON; the unescaped store and item
        { "\"\\u0073tore-1\"", "\"caf\\u00e9 \\\"cr\\u00e8me\\\"\"", "store-1", "café \"crème\"" },
        { "\"店-1\"", "\"\\ud83d\\ude00\"", "店-1", "😀" },
        { "\"store\\/1\"", "\"line\\nbreak\\ttab\\u0000nul\"", "store/1", "line\nbreak\ttab\0nul" },
        { $"\"{new string('s', 64)}\"", $"\"{new string('i', 128)}\"", new string('s', 64), new string('i', 128) },
        { $"\"{string.Concat(Enumerable.Repeat("😀", 64))}\"", $"\"{string.Concat(Enumerable.Repeat("é", 128))}\"",
            string.Concat(Enumerable.Repeat("😀", 64)), string.Concat(Enumerable.Repeat("é", 128)) },
    };

    [Theory]
    [MemberData(nameof(ValidStrings))]
    public void StoreAndItemAreUnescapedAndCountedInCharacters(string storeJson, string itemJson, string store, string item)
    {
        var receipt = Accepted(Encoding.UTF8.GetBytes(store), $$"""{"store":{{storeJson}},"item":{{itemJson}},"price":4.50,"ts":1764000000}""");

        Assert.Equal(store, receipt.Store);
        Assert.Equal(item, receipt.Item);
    }

    [Theory]
    [InlineData("""{"ts":1764000000,"price":4.50,"item":"coffee","store":"store-1"}""")]
    [InlineData("""{"\u0073tore":"store-1","it\u0065m":"coffee","pric\u0065":4.50,"t\u0073":1764000000}""")]
    [InlineData(" \r\n\t{ \"store\" : \"store-1\" ,\n \"item\" : \"coffee\" , \"price\" : 4.50 , \"ts\" : 1764000000 }\n ")]
    public void FieldOrderEscapedNamesAndWhitespaceDoNotMatter(string value)
    {
        var receipt = Accepted(s_key, value);

        Assert.Equal(new Receipt("store-1", "coffee", 4.50m, new EventTime(17_640_000_000_000_000, false)), receipt);
    }

    [Fact]
    public void AMessageOfExactly64KiBIsDecoded()
    {
        var valid = """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}""";

        Accepted(s_key, valid + new string(' ', ReceiptDecoder.MaxValueBytes - valid.Length));
    }

    [Theory]
    [InlineData("1764000300", false)]
    [InlineData("1764000300.00000001", true)]
    [InlineData("1764000301", true)]
    public void TsMayBeFiveMinutesAheadOfTheClockAndNoMore(string ts, bool ahead)
    {
        var clock = DateTimeOffset.FromUnixTimeSeconds(1_764_000_000);
        var value = Encoding.UTF8.GetBytes($$"""{"store":"store-1","item":"coffee","price":4.50,"ts":{{ts}}}""");

        var decoded = ReceiptDecoder.Decode(s_key, value, clock);

        Assert.Equal(ahead, decoded.Receipt is null);
        Assert.Equal(ahead ? [FindingKind.Ahead] : [], decoded.Findings.Select(f => f.Kind));
    }

    private static Receipt Accepted(byte[] key, string value)
    {
        var decoded = ReceiptDecoder.Decode(key, Encoding.UTF8.GetBytes(value));
        Assert.True(decoded.Receipt is not null, string.Join("; ", decoded.Findings));
        Assert.Empty(decoded.Findings);
        return decoded.Receipt;
    }
}
