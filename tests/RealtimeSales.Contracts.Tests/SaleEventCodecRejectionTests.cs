using static RealtimeSales.Contracts.Tests.CodecAssert;

namespace RealtimeSales.Contracts.Tests;

public sealed class SaleEventCodecRejectionTests
{
    private static readonly byte[] s_key = Utf8("store-1");

    public static TheoryData<string, string> MalformedJson => new()
    {
        // Not JSON, or not one JSON object.
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":""", "invalid JSON" },
        { """{"store":"store-1","item":"cof""", "invalid JSON" },
        { """{"store":"store-1" "item":"coffee","price":4.50,"ts":1764000000}""", "invalid JSON" },
        { """{'store':'store-1','item':'coffee','price':4.50,'ts':1764000000}""", "invalid JSON" },
        { """{store:"store-1",item:"coffee",price:4.50,ts:1764000000}""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000,}""", "invalid JSON" },
        { """/* receipt */ {"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":04.50,"ts":1764000000}""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":4.,"ts":1764000000}""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000} x""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}}""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}{"store":"store-1","item":"tea","price":3.00,"ts":1764000000}""", "invalid JSON" },
        { "{\"store\":\"store-1\",\"item\":\"coffee\",\"price\":4.50,\"ts\":1764000000}\n{\"store\":\"store-1\",\"item\":\"tea\",\"price\":3.00,\"ts\":1764000000}", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}, 1""", "invalid JSON" },
        { "{\"store\":\"store-1\",\"item\":\"cof\tfee\",\"price\":4.50,\"ts\":1764000000}", "invalid JSON" },
        { """{"store":"store-1","item":"cof\xfee","price":4.50,"ts":1764000000}""", "invalid JSON" },
        { """{"st\uD800re":"store-1","item":"coffee","price":4.50,"ts":1764000000}""", "invalid JSON: Cannot read" },
        { "", "message is empty" },
        { " \t\r\n ", "message is empty (whitespace only)" },
        { "\"store-1\"", "expected a JSON object, got String" },
        { "1764000000", "expected a JSON object, got Number" },
        { """[{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}]""", "expected a JSON object, got Array" },
        { "null", "expected a JSON object, got Null" },
        { "true", "expected a JSON object, got True" },

        // NaN and Infinity are not JSON numbers.
        { """{"store":"store-1","item":"coffee","price":NaN,"ts":1764000000}""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":Infinity,"ts":1764000000}""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":-Infinity,"ts":1764000000}""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":NaN}""", "invalid JSON" },
        { """{"store":"store-1","item":"coffee","price":"NaN","ts":1764000000}""", "price: expected a JSON number, got String" },

        // Fields: exactly store, item, price and ts.
        { """{"store":"store-1","item":"coffee","price":4.50}""", "missing field 'ts'" },
        { """{"item":"coffee","price":4.50,"ts":1764000000}""", "missing field 'store'" },
        { """{"store":"store-1","price":4.50,"ts":1764000000}""", "missing field 'item'" },
        { """{"store":"store-1","item":"coffee","ts":1764000000}""", "missing field 'price'" },
        { "{}", "missing field 'store'" },
        { """{"store":"store-1","item":"coffee","price":4.50,"price":4.50,"ts":1764000000}""", "duplicate field 'price'" },
        { """{"store":"store-1","st\u006fre":"store-1","item":"coffee","price":4.50,"ts":1764000000}""", "duplicate field 'store'" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000,"currency":"EUR"}""", "unknown field 'currency'" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000,"c\u0075rrency":{"code":["EUR"]}}""", """unknown field 'c\u0075rrency'""" },
        { """{"Store":"store-1","item":"coffee","price":4.50,"ts":1764000000}""", "unknown field 'Store'" },

        // Wrong JSON types.
        { """{"store":"store-1","item":"coffee","price":"4.50","ts":1764000000}""", "price: expected a JSON number, got String" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":"1764000000"}""", "ts: expected a JSON number (Unix seconds), got String" },
        { """{"store":"store-1","item":"coffee","price":{"amount":4.50},"ts":1764000000}""", "price: expected a JSON number, got Object" },
        { """{"store":{"id":"store-1"},"item":"coffee","price":4.50,"ts":1764000000}""", "store: expected a JSON string, got Object" },
        { """{"store":"store-1","item":["coffee"],"price":4.50,"ts":1764000000}""", "item: expected a JSON string, got Array" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":[1764000000]}""", "ts: expected a JSON number (Unix seconds), got Array" },
        { """{"store":null,"item":"coffee","price":4.50,"ts":1764000000}""", "store: expected a JSON string, got Null" },
        { """{"store":"store-1","item":"coffee","price":null,"ts":1764000000}""", "price: expected a JSON number, got Null" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":true}""", "ts: expected a JSON number (Unix seconds), got True" },
        { """{"store":"store-1","item":false,"price":4.50,"ts":1764000000}""", "item: expected a JSON string, got False" },
        { """{"store":7,"item":"coffee","price":4.50,"ts":1764000000}""", "store: expected a JSON string, got Number" },

        // price: 0 to 1,000,000 with at most two decimal places, by value.
        { """{"store":"store-1","item":"coffee","price":4.505,"ts":1764000000}""", "price: 4.505 has more than 2 decimal places" },
        { """{"store":"store-1","item":"coffee","price":0.001,"ts":1764000000}""", "price: 0.001 has more than 2 decimal places" },
        { """{"store":"store-1","item":"coffee","price":1e-3,"ts":1764000000}""", "price: 1e-3 has more than 2 decimal places" },
        { """{"store":"store-1","item":"coffee","price":4.5000000000000000000000000000001,"ts":1764000000}""", "has more than 2 decimal places" },
        { """{"store":"store-1","item":"coffee","price":-1,"ts":1764000000}""", "price: -1 is negative" },
        { """{"store":"store-1","item":"coffee","price":-0.01,"ts":1764000000}""", "price: -0.01 is negative" },
        { """{"store":"store-1","item":"coffee","price":1000000.01,"ts":1764000000}""", "price: 1000000.01 is above the maximum of 1000000" },
        { """{"store":"store-1","item":"coffee","price":1000000.001,"ts":1764000000}""", "price: 1000000.001 is above the maximum" },
        { """{"store":"store-1","item":"coffee","price":1e7,"ts":1764000000}""", "price: 1e7 is above the maximum" },
        { """{"store":"store-1","item":"coffee","price":1e400,"ts":1764000000}""", "price: 1e400 is out of range" },
        { """{"store":"store-1","item":"coffee","price":-1e400,"ts":1764000000}""", "price: -1e400 is out of range" },

        // store: 1 to 64 characters, no control characters.
        { """{"store":"","item":"coffee","price":4.50,"ts":1764000000}""", "store: must not be empty" },
        { $$"""{"store":"{{new string('s', 65)}}","item":"coffee","price":4.50,"ts":1764000000}""", "store: must be at most 64 characters, got 65" },
        { $$"""{"store":"{{string.Concat(Enumerable.Repeat("😀", 65))}}","item":"coffee","price":4.50,"ts":1764000000}""", "store: must be at most 64 characters, got 65" },
        { $$"""{"store":"{{string.Concat(Enumerable.Repeat("\\u0073", 65))}}","item":"coffee","price":4.50,"ts":1764000000}""", "store: must be at most 64 characters, got 65" },
        { """{"store":"store\u0007","item":"coffee","price":4.50,"ts":1764000000}""", "store: control character U+0007 at character 6 is not allowed" },
        { """{"store":"\u0000","item":"coffee","price":4.50,"ts":1764000000}""", "store: control character U+0000" },
        { "{\"store\":\"store-1\u007F\",\"item\":\"coffee\",\"price\":4.50,\"ts\":1764000000}", "store: control character U+007F" },
        { "{\"store\":\"store-1\u0085\",\"item\":\"coffee\",\"price\":4.50,\"ts\":1764000000}", "store: control character U+0085" },
        { """{"store":"store-\uD800","item":"coffee","price":4.50,"ts":1764000000}""", "store: Cannot read" },
        { """{"store":"store-\uDC00\uD800","item":"coffee","price":4.50,"ts":1764000000}""", "store: Cannot read" },

        // item: 1 to 128 characters.
        { """{"store":"store-1","item":"","price":4.50,"ts":1764000000}""", "item: must not be empty" },
        { $$"""{"store":"store-1","item":"{{new string('i', 129)}}","price":4.50,"ts":1764000000}""", "item: must be at most 128 characters, got 129" },
        { $$"""{"store":"store-1","item":"{{string.Concat(Enumerable.Repeat("\\u0041", 129))}}","price":4.50,"ts":1764000000}""", "item: must be at most 128 characters, got 129" },
        { $$"""{"store":"store-1","item":"{{new string('i', 60_000)}}","price":4.50,"ts":1764000000}""", "item: must be at most 128 characters, got 60000" },
    };

    [Theory]
    [MemberData(nameof(MalformedJson))]
    public void MalformedEventIsRejectedWithAReasonNamingTheFault(string value, string reason)
    {
        var rejection = Rejected(s_key, Utf8(value));

        Assert.Contains(reason, rejection, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadTimestamps => new()
    {
        // ts as JSON, the whole reason
        { "1764000000000", "ts: 1764000000000 is 55841 years ahead of the clock; the limit is 300 seconds (milliseconds instead of seconds?)" },
        { "9000000000000", "ts: 9000000000000 is 285136 years ahead of the clock; the limit is 300 seconds" },
        { "1764000301", "ts: 1764000301 is 301 seconds ahead of the clock; the limit is 300 seconds" },
        { "1764000301.5", "ts: 1764000301.5 is 301.5 seconds ahead of the clock; the limit is 300 seconds" },
        { "1764000300.000001", "ts: 1764000300.000001 is 300.000001 seconds ahead of the clock; the limit is 300 seconds" },
        { "1764086400", "ts: 1764086400 is 24 hours ahead of the clock; the limit is 300 seconds" },
        { "1764864000", "ts: 1764864000 is 10 days ahead of the clock; the limit is 300 seconds" },
        { "-1", "ts: -1 is negative; expected Unix seconds >= 0" },
        { "-0.0000001", "ts: -0.0000001 is negative; expected Unix seconds >= 0" },
        { "1e400", "ts: 1e400 is out of range; expected Unix seconds" },
        { "1764000000000000", "ts: 1764000000000000 is out of range; expected Unix seconds" },
    };

    [Theory]
    [MemberData(nameof(BadTimestamps))]
    public void TimestampThatIsNegativeOutOfRangeOrTooFarAheadIsRejected(string ts, string reason)
    {
        var rejection = Rejected(s_key, Utf8($$"""{"store":"store-1","item":"coffee","price":4.50,"ts":{{ts}}}"""));

        Assert.Equal(reason, rejection);
    }

    public static TheoryData<string, byte[], string> InvalidUtf8 => new()
    {
        // JSON before the bad bytes, the bad bytes, JSON after them
        { "{\"store\":\"store-1\",\"item\":\"caf", [0xC3], "\",\"price\":4.50,\"ts\":1764000000}" },
        { "{\"store\":\"store-1\",", [0xFF], "\"item\":\"coffee\",\"price\":4.50,\"ts\":1764000000}" },
        { "", [0x80], "{\"store\":\"store-1\",\"item\":\"coffee\",\"price\":4.50,\"ts\":1764000000}" },
        { "{\"store\":\"store-1\",\"item\":\"", [0xC0, 0xAF], "\",\"price\":4.50,\"ts\":1764000000}" },
        { "{\"store\":\"store-1\",\"item\":\"", [0xED, 0xA0, 0x80], "\",\"price\":4.50,\"ts\":1764000000}" },
        { "{\"store\":\"store-1\",\"item\":\"", [0xF4, 0x90, 0x80, 0x80], "\",\"price\":4.50,\"ts\":1764000000}" },
        { "{\"store\":\"store-1\",\"item\":\"coffee\",\"price\":4.50,\"ts\":1764000000}", [0xE2, 0x82], "" },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void InvalidUtf8IsRejectedAtTheFirstBadByte(string before, byte[] bad, string after)
    {
        var rejection = Rejected(s_key, [.. Utf8(before), .. bad, .. Utf8(after)]);

        Assert.Equal($"invalid UTF-8 at byte {Utf8(before).Length}", rejection);
    }

    public static TheoryData<string, string> BadKeys => new()
    {
        { "", "key is missing" },
        { "store-2", "key 'store-2' differs from store 'store-1'" },
        { "STORE-1", "key 'STORE-1' differs from store 'store-1'" },
        { "store-1 ", "key 'store-1 ' differs from store 'store-1'" },
        { "\"store-1\"", "key '\"store-1\"' differs from store 'store-1'" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void KeyThatIsMissingOrDiffersFromTheStoreIsRejected(string key, string reason)
    {
        var rejection = Rejected(Utf8(key), Utf8("""{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}"""));

        Assert.Equal(reason, rejection);
    }

    [Fact]
    public void KeyIsComparedAsBytesWithoutUnicodeNormalization()
    {
        var rejection = Rejected(Utf8("cafe\u0301"), Utf8("""{"store":"caf\u00e9","item":"coffee","price":4.50,"ts":1764000000}"""));

        Assert.Equal("key 'cafe\u0301' differs from store 'caf\u00e9'", rejection);
    }

    [Fact]
    public void LongKeyIsShortenedInTheReason()
    {
        var rejection = Rejected(Utf8(new string('k', 1000)), Utf8("""{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}"""));

        Assert.Equal($"key '{new string('k', 40)}… (1000 bytes)' differs from store 'store-1'", rejection);
    }

    [Fact]
    public void MessageOverTheSizeLimitIsRejectedBeforeParsing()
    {
        var item = new string('i', 66_560 - """{"store":"store-1","item":"","price":4.50,"ts":1764000000}""".Length);
        var value = Utf8($$"""{"store":"store-1","item":"{{item}}","price":4.50,"ts":1764000000}""");

        Assert.Equal("message is 66560 bytes; the limit is 65536", Rejected(s_key, value));
        Assert.Equal("message is 65537 bytes; the limit is 65536", Rejected(s_key, [.. Enumerable.Repeat((byte)0xFF, 65_537)]));
    }

    [Fact]
    public void MessageOfExactlyTheSizeLimitIsParsed()
    {
        var valid = """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}""";
        var value = Utf8(valid + new string(' ', SaleEventCodec.MaxMessageBytes - valid.Length));

        var sale = Accepted(s_key, value);

        Assert.Equal(SaleEventCodec.MaxMessageBytes, value.Length);
        Assert.Equal("coffee", sale.Item);
    }

    [Fact]
    public void FirstFaultInReadingOrderIsTheReason()
    {
        var rejection = Rejected(Utf8("store-2"), Utf8("""{"store":"","item":"","price":-1,"ts":-1}"""));

        Assert.Equal("store: must not be empty", rejection);
    }
}
