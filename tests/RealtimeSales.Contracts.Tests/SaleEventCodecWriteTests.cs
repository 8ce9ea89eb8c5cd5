using System.Buffers;
using System.Globalization;
using System.Text;
using CsCheck;
using static RealtimeSales.Contracts.Tests.CodecAssert;

namespace RealtimeSales.Contracts.Tests;

public sealed class SaleEventCodecWriteTests
{
    [Theory]
    [InlineData("store-7", "coffee", "4.5", 1_764_000_000_000_000, """{"store":"store-7","item":"coffee","price":4.50,"ts":1764000000}""")]
    [InlineData("store-7", "coffee", "4.500", 1_764_000_000_500_000, """{"store":"store-7","item":"coffee","price":4.50,"ts":1764000000.5}""")]
    [InlineData("store-7", "coffee", "0", 1_764_000_000_000_123, """{"store":"store-7","item":"coffee","price":0.00,"ts":1764000000.000123}""")]
    [InlineData("store-7", "coffee", "1000000", 1_764_000_000_123_456, """{"store":"store-7","item":"coffee","price":1000000.00,"ts":1764000000.123456}""")]
    [InlineData("store-7", "coffee", "0.05", 0, """{"store":"store-7","item":"coffee","price":0.05,"ts":0}""")]
    [InlineData("store-7", "coffee", "-1", -1_500_000, """{"store":"store-7","item":"coffee","price":-1.00,"ts":-1.5}""")]
    [InlineData("café-1", "crème \"brûlée\"\n", "12.3", 1_764_000_000_000_000, "{\"store\":\"café-1\",\"item\":\"crème \\\"brûlée\\\"\\n\",\"price\":12.30,\"ts\":1764000000}")]
    public void SerializeWritesTheWireFormat(string store, string item, string price, long micros, string json)
    {
        var sale = new SaleEvent(store, item, decimal.Parse(price, CultureInfo.InvariantCulture), micros);

        Assert.Equal(json, Encoding.UTF8.GetString(SaleEventCodec.Serialize(sale)));
    }

    [Fact]
    public void WriteAppendsTheSameBytesAsSerialize()
    {
        var sale = new SaleEvent("store-7", "coffee", 4.50m, 1_764_000_000_250_000);
        var output = new ArrayBufferWriter<byte>();

        SaleEventCodec.Write(sale, output);

        Assert.Equal(SaleEventCodec.Serialize(sale), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void SerializeRefusesAPriceItCannotWriteWithTwoDecimals()
    {
        var sale = new SaleEvent("store-7", "coffee", 4.505m, 1_764_000_000_000_000);

        var error = Assert.Throws<ArgumentException>(() => SaleEventCodec.Serialize(sale));
        Assert.Contains("4.505 has more than 2 decimal places", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyOfIsTheStoreAsUtf8()
    {
        Assert.Equal("café-1"u8.ToArray(), SaleEventCodec.KeyOf("café-1"));
    }

    public static TheoryData<string, string, string, long> ValidSales => new()
    {
        { "store-7", "coffee", "4.50", 1_764_000_000_000_000 },
        { "store-1", "tea", "0", 0 },
        { "store-10", "espresso machine", "1000000", 1_764_000_300_000_000 },
        { "café-1", "crème brûlée", "0.01", 1_764_000_000_000_001 },
        { "店 \"7\"", "tab\there\\", "999999.99", 1_763_999_999_999_999 },
        { new string('s', 64), new string('i', 128), "12.3", 1_764_000_000_123_456 },
    };

    [Theory]
    [MemberData(nameof(ValidSales))]
    public void DecodingASerializedSaleGivesItBack(string store, string item, string price, long micros)
    {
        var sale = new SaleEvent(store, item, decimal.Parse(price, CultureInfo.InvariantCulture), micros);

        Assert.Equal(sale, Accepted(SaleEventCodec.KeyOf(store), SaleEventCodec.Serialize(sale)));
    }

    [Fact]
    public void DecodingSerializedRandomSalesGivesThemBack()
    {
        var random = new Random(20251124);
        for (var i = 0; i < 2_000; i++)
        {
            var store = $"store-{random.Next(1, 1000)}";
            var item = new string((char)random.Next('a', 'z' + 1), random.Next(1, SaleEventCodec.MaxItemLength + 1));
            var price = random.NextInt64(0, 100_000_001) / 100m;
            var micros = random.NextInt64(0, NowMicros + 300_000_001);
            var sale = new SaleEvent(store, item, price, micros);

            Assert.Equal(sale, Accepted(SaleEventCodec.KeyOf(store), SaleEventCodec.Serialize(sale)));
        }
    }

    [Fact]
    public void WriteGivesTheBytesOfTheGeneralJsonWriterForAnyText()
    {
        // Plain ASCII takes the hand-written path; quotes, backslashes, controls and non-ASCII the general one.
        var text = Gen.Frequency(
            (3, Gen.Char[" !#$%&'()*+,-./0123456789:;<=>?@AZ[]^_`az{|}~"].Array[0, 20]),
            (1, Gen.Char["ab\"\\\u0000\u001f\u007f\u0080é€\ud83d\ude00\u2028<>&+"].Array[0, 20]))
            .Select(chars => new string(chars));
        Gen.Select(text, text, Gen.Long[-100_000_000, 100_000_000], Gen.Long[-2_000_000_000_000_000, 2_000_000_000_000_000])
            .Sample((store, item, cents, micros) =>
            {
                var sale = new SaleEvent(store, item, cents / 100m, micros);
                var general = new ArrayBufferWriter<byte>();
                var written = new ArrayBufferWriter<byte>();

                SaleEventCodec.WriteWithJsonWriter(sale, general);
                SaleEventCodec.Write(sale, written);

                Assert.Equal(Encoding.UTF8.GetString(general.WrittenSpan), Encoding.UTF8.GetString(written.WrittenSpan));
            }, iter: 20_000);
    }
}
