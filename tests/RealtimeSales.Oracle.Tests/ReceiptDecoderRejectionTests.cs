using System.Text;

namespace RealtimeSales.Oracle.Tests;

public sealed class ReceiptDecoderRejectionTests
{
    private const string Valid = """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}""";

    public static TheoryData<string, FindingKind, string> Malformed => new()
    {
        // the value (key "store-1"); the first finding's kind and field
        { """{"store":"store-1","item":"coffee","price":4.50""", FindingKind.InvalidJson, "" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000,}""", FindingKind.InvalidJson, "" },
        { """/* receipt */ {"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.InvalidJson, "" },
        { """{'store':'store-1','item':'coffee','price':4.50,'ts':1764000000}""", FindingKind.InvalidJson, "" },
        { """{"store":"store-1","item":"coffee","price":04.50,"ts":1764000000}""", FindingKind.InvalidJson, "" },
        { """{"store":"store-1","item":"coffee","price":NaN,"ts":1764000000}""", FindingKind.InvalidJson, "" },
        { Valid + " x", FindingKind.InvalidJson, "" },
        { Valid + Valid, FindingKind.InvalidJson, "" },
        { "{\"store\":\"store-1\",\"item\":\"cof\tfee\",\"price\":4.50,\"ts\":1764000000}", FindingKind.InvalidJson, "" },
        { """{"st\uD800re":"store-1","item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.InvalidJson, "" },
        { "", FindingKind.Empty, "" },
        { " \t\r\n ", FindingKind.Empty, "" },
        { "\"store-1\"", FindingKind.NotAnObject, "" },
        { "[" + Valid + "]", FindingKind.NotAnObject, "" },
        { "null", FindingKind.NotAnObject, "" },
        { """{"store":"store-1","item":"coffee","price":4.50}""", FindingKind.MissingField, "ts" },
        { "{}", FindingKind.MissingField, "store" },
        { """{"store":"store-1","item":"coffee","price":4.50,"price":4.50,"ts":1764000000}""", FindingKind.DuplicateField, "price" },
        { """{"store":"store-1","st\u006fre":"store-1","item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.DuplicateField, "store" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000,"currency":{"code":["EUR"]}}""", FindingKind.UnknownField, "currency" },
        { """{"Store":"store-1","item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.UnknownField, "Store" },
        { """{"store":"store-1","item":"coffee","price":"4.50","ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":"1764000000"}""", FindingKind.BadField, "ts" },
        { """{"store":{"id":"store-1"},"item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.BadField, "store" },
        { """{"store":"store-1","item":["coffee"],"price":4.50,"ts":1764000000}""", FindingKind.BadField, "item" },
        { """{"store":"store-1","item":"coffee","price":null,"ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":true}""", FindingKind.BadField, "ts" },
        { """{"store":"store-1","item":"coffee","price":4.505,"ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":1e-3,"ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":4.5000000000000000000000000000001,"ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":-1.00,"ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":-0.01,"ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":1000000.01,"ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":1000000.001,"ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":1e400,"ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":-1}""", FindingKind.BadField, "ts" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":-0.0000001}""", FindingKind.BadField, "ts" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1e400}""", FindingKind.BadField, "ts" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1e99999999999999999999}""", FindingKind.BadField, "ts" },
        { """{"store":"store-1","item":"coffee","price":1e-99999999999999999999,"ts":1764000000}""", FindingKind.BadField, "price" },
        { """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000000000}""", FindingKind.BadField, "ts" },
        { """{"store":"","item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.BadField, "store" },
        { $$"""{"store":"{{new string('s', 65)}}","item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.BadField, "store" },
        { $$"""{"store":"{{string.Concat(Enumerable.Repeat("\\u0073", 65))}}","item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.BadField, "store" },
        { """{"store":"store\u0007","item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.BadField, "store" },
        { "{\"store\":\"store-1\u007F\",\"item\":\"coffee\",\"price\":4.50,\"ts\":1764000000}", FindingKind.BadField, "store" },
        { "{\"store\":\"store-1\u0085\",\"item\":\"coffee\",\"price\":4.50,\"ts\":1764000000}", FindingKind.BadField, "store" },
        { """{"store":"store-\uD800","item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.BadField, "store" },
        { """{"store":"store-1","item":"","price":4.50,"ts":1764000000}""", FindingKind.BadField, "item" },
        { $$"""{"store":"store-1","item":"{{new string('i', 129)}}","price":4.50,"ts":1764000000}""", FindingKind.BadField, "item" },
        { $$"""{"store":"store-1","item":"{{new string('x', 50_000)}}","price":1.00,"ts":1}""", FindingKind.BadField, "item" },
        { """{"store":"other-store","item":"coffee","price":4.50,"ts":1764000000}""", FindingKind.Key, "" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedMessageIsRejectedWithTheFaultNamed(string value, FindingKind kind, string field)
    {
        var findings = Rejected("store-1"u8.ToArray(), Encoding.UTF8.GetBytes(value));

        Assert.Equal((kind, field), (findings[0].Kind, findings[0].Field));
    }

    [Fact]
    public void EveryFaultIsReportedNotOnlyTheFirst()
    {
        var findings = Rejected("store-2"u8.ToArray(), """{"store":"store-1","item":"","price":-1,"price":2,"ts":"x","extra":1}"""u8.ToArray());

        Assert.Equal(
            [(FindingKind.BadField, "item"), (FindingKind.BadField, "price"), (FindingKind.DuplicateField, "price"), (FindingKind.BadField, "ts"),
                (FindingKind.UnknownField, "extra"), (FindingKind.Key, "")],
            findings.Select(f => (f.Kind, f.Field)));
    }

    public static TheoryData<byte[]> InvalidUtf8 => new()
    {
        Encoding.UTF8.GetBytes("""{"store":"store-1","item":"caf?","price":4.50,"ts":1764000000}""").Select(b => b == (byte)'?' ? (byte)0xC3 : b).ToArray(),
        (byte[])[0x80, .. Encoding.UTF8.GetBytes(Valid)],
        (byte[])[.. Encoding.UTF8.GetBytes("""{"store":"store-1","item":"""), 0x22, 0xED, 0xA0, 0x80, 0x22, .. Encoding.UTF8.GetBytes(""","price":4.50,"ts":1764000000}""")],
        (byte[])[.. Encoding.UTF8.GetBytes(Valid), 0xE2, 0x82],
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void InvalidUtf8IsRejected(byte[] value) =>
        Assert.Equal(FindingKind.InvalidUtf8, Assert.Single(Rejected("store-1"u8.ToArray(), value)).Kind);

    [Fact]
    public void AMessageOverSixtyFourKiBIsRejectedWhateverItHolds()
    {
        var value = Encoding.UTF8.GetBytes(Valid + new string(' ', ReceiptDecoder.MaxValueBytes - Valid.Length + 1));

        Assert.Equal(FindingKind.TooLarge, Assert.Single(Rejected("store-1"u8.ToArray(), value)).Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("store-2")]
    [InlineData("STORE-1")]
    [InlineData("store-1 ")]
    public void AKeyThatIsMissingOrDiffersFromTheStoreIsRejected(string? key) =>
        Assert.Equal(FindingKind.Key, Assert.Single(Rejected(key is null ? null : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(Valid))).Kind);

    [Fact]
    public void TheKeyIsComparedAsBytesWithoutUnicodeNormalization() =>
        Assert.Equal(FindingKind.Key,
            Assert.Single(Rejected(Encoding.UTF8.GetBytes("cafe\u0301"), """{"store":"caf\u00e9","item":"coffee","price":4.50,"ts":1764000000}"""u8.ToArray())).Kind);

    [Fact]
    public void ANullValueIsRejectedAsEmpty() =>
        Assert.Equal(FindingKind.Empty, Assert.Single(Rejected("store-1"u8.ToArray(), null)).Kind);

    private static IReadOnlyList<Finding> Rejected(byte[]? key, byte[]? value)
    {
        var decoded = ReceiptDecoder.Decode(key, value);
        Assert.Null(decoded.Receipt);
        Assert.NotEmpty(decoded.Findings);
        return decoded.Findings;
    }
}
