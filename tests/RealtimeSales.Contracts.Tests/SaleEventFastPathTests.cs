using System.Text;
using CsCheck;
using static RealtimeSales.Contracts.Tests.CodecAssert;

namespace RealtimeSales.Contracts.Tests;

/// <summary>
/// The fast path must be invisible: on any input, <see cref="SaleEventCodec"/>.TryDecode gives what the full
/// validator alone gives — the same verdict, the same reason, the same values — and whatever the fast path accepts
/// the full validator accepts with the same values. Checked on generated events close to the format (every field
/// rule at and around its limits, fields in any order, missing, repeated or unknown, whitespace, escapes, non-ASCII)
/// and on those events with random bytes changed, removed, inserted or cut off.
/// </summary>
public sealed class SaleEventFastPathTests
{
    private const string Alphabet = "abcxyzABCXYZ0123456789-_.:/ ~!#";

    private static readonly Gen<string> s_space =
        Gen.Frequency((12, Gen.Const("")), (1, Gen.OneOf(" ", "\t", "\n", "\r\n", "  ", "\f", "\u00a0")));

    private static readonly Gen<int> s_leadingZeros = Gen.Frequency((6, Gen.Const(0)), (1, Gen.Int[1, 2]));

    // JSON string literals, quotes included: plain ASCII around the length limits, and the cases the fast path leaves alone.
    private static readonly Gen<string> s_store = Gen.Frequency(
        (12, Gen.Int[1, 9].Select(n => $"\"store-{n}\"")),
        (3, Gen.Char[Alphabet].Array[0, 70].Select(chars => $"\"{new string(chars)}\"")),
        (2, Gen.OneOf("\"\"", $"\"{new string('s', 64)}\"", $"\"{new string('s', 65)}\"", "\"caf\u00e9-1\"", "\"st\\u006fre-1\"",
            "\"a\\\"b\"", "\"store\u0007\"", "\"store\u007f\"", "\"store\u0085\"", "\"\\u0000\"", "\"store-\\uD800\"", "7", "null",
            "\"store-1", "{\"id\":\"store-1\"}", "[\"store-1\"]")));

    private static readonly Gen<string> s_item = Gen.Frequency(
        (12, Gen.OneOf("\"coffee\"", "\"tea\"", "\"orange-juice\"", "\"phone charger\"")),
        (3, Gen.Char[Alphabet].Array[0, 135].Select(chars => $"\"{new string(chars)}\"")),
        (2, Gen.OneOf("\"\"", $"\"{new string('i', 128)}\"", $"\"{new string('i', 129)}\"", "\"cr\u00e8me\"", "\"caf\\u00e9\"",
            "\"line\\nbreak\"", "\"tab\ttab\"", "\"del\u007f\"", "\"\\ud83d\\ude00\"", "false", "4.50")));

    private static readonly Gen<string> s_price = Gen.Frequency(
        (10, Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[0, 99], Gen.Int[0, 2], (units, cents, decimals) => decimals switch
        {
            0 => $"{units}",
            1 => $"{units}.{cents / 10}",
            _ => $"{units}.{cents:D2}",
        })),
        (4, Gen.Select(Gen.OneOf("", "-"), s_leadingZeros, Gen.Int[0, 99_999_999], Gen.Int[0, 99_999], Gen.Int[0, 4],
            Gen.OneOf("", "", "e2", "E-2", "e+0", "e"), (sign, zeros, units, fraction, decimals, exponent) =>
                $"{sign}{new string('0', zeros)}{units}{(decimals == 0 ? "" : "." + $"{fraction:D5}"[..decimals])}{exponent}")),
        (2, Gen.OneOf("1000000", "1000000.00", "1000000.01", "999999.99", "4.", ".5", "4.500", "-0", "00", "1e400", "NaN",
            "\"4.50\"", "null", "true", "4.5.0", "4..5", "0x10")));

    private static readonly Gen<string> s_ts = Gen.Frequency(
        (10, Gen.Select(Gen.Long[-1_000_000, 400], Gen.Int[0, 999_999], Gen.Int[0, 6], (ahead, fraction, decimals) =>
            $"{1_764_000_000 + ahead}{(decimals == 0 ? "" : "." + $"{fraction:D6}"[..decimals])}")),
        (4, Gen.Select(Gen.OneOf("", "-"), Gen.Long[0, 99_999_999_999_999], Gen.Long[0, 99_999_999], Gen.Int[0, 8],
            Gen.OneOf("", "", "e3", "E-1", "e"), (sign, seconds, fraction, decimals, exponent) =>
                $"{sign}{seconds}{(decimals == 0 ? "" : "." + $"{fraction:D8}"[..decimals])}{exponent}")),
        (2, Gen.OneOf("1764000300", "1764000300.000001", "1764000300.0000009", "1764000301", "0", "-0.0", "0.5",
            "1764000000000", "1e400", "17640000005E-1", "01764000000", "1764000000.", "\"1764000000\"", "[1764000000]")));

    private static readonly Gen<(string Name, string Value)[]> s_fields = Gen.Select(s_store, s_item, s_price, s_ts)
        .SelectMany(fields => Gen.Shuffle(new[] { ("store", fields.Item1), ("item", fields.Item2), ("price", fields.Item3), ("ts", fields.Item4) }))
        .SelectMany(fields => Gen.Frequency(
            (12, Gen.Const(fields)),
            (1, Gen.Int[0, 3].Select(drop => fields.Where((_, i) => i != drop).ToArray())),
            (1, Gen.Int[0, 3].Select(repeat => fields.Append(fields[repeat]).ToArray())),
            (1, Gen.OneOf(("currency", "\"EUR\""), ("Store", "\"store-1\""), ("st\\u006fre", "\"store-1\""), ("t\\u0073", "1764000000"))
                .Select(extra => fields.Append(extra).ToArray()))));

    private static readonly Gen<(byte[] Key, byte[] Value)> s_message = Gen.Select(s_fields, s_space.Array[12], Gen.Int[0, 9])
        .Select((fields, spaces, keyChoice) =>
        {
            var json = new StringBuilder(spaces[0]).Append('{');
            for (var i = 0; i < fields.Length; i++)
            {
                json.Append(i == 0 ? "" : ",").Append(spaces[(2 * i) + 1]).Append('"').Append(fields[i].Name).Append("\":")
                    .Append(spaces[(2 * i) + 2]).Append(fields[i].Value);
            }

            json.Append(spaces[10]).Append('}').Append(spaces[11]);

            // Mostly the key the store promises (its literal between the quotes), now and then another or none.
            var store = fields.FirstOrDefault(f => f.Name == "store").Value ?? "";
            var key = keyChoice switch
            {
                0 => "",
                1 => "store-2",
                _ => store.Length >= 2 && store[0] == '"' ? store[1..^1] : store,
            };
            return (Utf8(key), Utf8(json.ToString()));
        });

    private static readonly byte[] s_interestingBytes = "\"\\{}[],:.eE-+0 \t"u8.ToArray().Concat(new byte[] { 0x00, 0x7F, 0x80, 0xC3, 0xFF }).ToArray();

    private static readonly Gen<(byte[] Key, byte[] Value)> s_mutated = Gen.Select(s_message, Gen.Int[0, 3], Gen.Int.Array[12], Gen.Byte.Array[3])
        .Select((message, mutations, positions, randomBytes) =>
        {
            var value = message.Value.ToList();
            for (var m = 0; m < mutations && value.Count > 0; m++)
            {
                var at = (int)((uint)positions[(3 * m) + 1] % value.Count);
                var interesting = s_interestingBytes[(uint)positions[(3 * m) + 2] % s_interestingBytes.Length];
                switch ((uint)positions[3 * m] % 5)
                {
                    case 0: value[at] = randomBytes[m]; break;
                    case 1: value[at] = interesting; break;
                    case 2: value.RemoveAt(at); break;
                    case 3: value.Insert(at, interesting); break;
                    default: value.RemoveRange(at, value.Count - at); break;
                }
            }

            return (message.Key, value.ToArray());
        });

    [Fact]
    public void DecodeAgreesWithTheFullValidatorOnGeneratedEvents()
    {
        var counts = new Counts();
        s_message.Sample(message => AssertAgrees(message.Key, message.Value, counts), iter: 50_000);

        // The generator must exercise both sides, or the property would hold vacuously.
        Assert.True(counts.FastPath > 5_000, $"fast path taken {counts.FastPath} times");
        Assert.True(counts.FullOnlyValid > 500, $"valid through the full validator only {counts.FullOnlyValid} times");
        Assert.True(counts.Rejected > 5_000, $"rejected {counts.Rejected} times");
    }

    [Fact]
    public void DecodeAgreesWithTheFullValidatorOnMutatedEvents()
    {
        var counts = new Counts();
        s_mutated.Sample(message => AssertAgrees(message.Key, message.Value, counts), iter: 50_000);

        Assert.True(counts.FastPath > 2_000, $"fast path taken {counts.FastPath} times");
        Assert.True(counts.Rejected > 10_000, $"rejected {counts.Rejected} times");
    }

    [Fact]
    public void WhatTheCodecWritesTakesTheFastPath() =>
        Gen.Select(Gen.Char[Alphabet].Array[1, 64], Gen.Char[Alphabet].Array[1, 128], Gen.Long[0, 100_000_000], Gen.Long[0, 1_764_000_300_000_000])
            .Sample((store, item, cents, micros) =>
            {
                var sale = new SaleEvent(new string(store), new string(item), cents / 100m, micros);

                Assert.True(SaleEventFastPath.TryScan(Utf8(sale.Store), SaleEventCodec.Serialize(sale), NowMicros, out var scanned));
                Assert.Equal((cents, micros), (scanned.PriceCents, scanned.TimestampMicros));
            }, iter: 10_000);

    [Theory]
    [InlineData("""{"store":"caf\u00e9-1","item":"coffee","price":4.50,"ts":1764000000}""")]
    [InlineData("""{"store":"store-1","item":"coffee","price":4.500,"ts":1764000000}""")]
    [InlineData("""{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000.0000001}""")]
    [InlineData("""{"store":"store-1","item":"coffee","price":1e2,"ts":1764000000}""")]
    [InlineData("""{"store":"store-1","item":"coffee","price":-0,"ts":1764000000}""")]
    [InlineData("{\"store\":\"store-1\",\"item\":\"caf\u00e9\",\"price\":4.50,\"ts\":1764000000}")]
    public void ValidEventsOutsideTheFastPathAreStillAccepted(string json)
    {
        var key = Utf8(json.Contains("caf\\u00e9-1", StringComparison.Ordinal) ? "caf\u00e9-1" : "store-1");

        Assert.False(SaleEventFastPath.TryScan(key, Utf8(json), NowMicros, out _));
        Accepted(key, Utf8(json));
    }

    [Fact]
    public void DecodingReadsSpansOverAnyMemoryNotOnlyArrays()
    {
        // As a Confluent IDeserializer gets them: a slice of a larger buffer, here on the stack.
        Span<byte> buffer = stackalloc byte[256];
        buffer.Fill((byte)'x');
        var key = "store-1"u8;
        var json = """{"store":"store-1","item":"coffee","price":4.50,"ts":1764000000}"""u8;
        key.CopyTo(buffer[3..]);
        json.CopyTo(buffer[20..]);

        Assert.True(SaleEventCodec.TryDecode(buffer.Slice(3, key.Length), buffer.Slice(20, json.Length), NowMicros, new StoreNames(),
            out Sale sale, out var rejection), rejection);
        Assert.Equal(new Sale("store-1", 450, 1_764_000_000_000_000), sale);
    }

    private static void AssertAgrees(byte[] key, byte[] value, Counts counts)
    {
        var fast = SaleEventFastPath.TryScan(key, value, NowMicros, out var scanned);
        var store = new byte[SaleEventParser.StoreBufferBytes];
        var item = new byte[SaleEventParser.ItemBufferBytes];
        var reason = SaleEventParser.Parse(key, value, NowMicros, store, item, out var parsed);
        if (fast)
        {
            Assert.Null(reason);
            Assert.Equal(
                (Encoding.UTF8.GetString(store, 0, parsed.StoreLength), Encoding.UTF8.GetString(item, 0, parsed.ItemLength), parsed.PriceCents, parsed.TimestampMicros),
                (Encoding.UTF8.GetString(value, scanned.StoreStart, scanned.StoreLength), Encoding.UTF8.GetString(value, scanned.ItemStart, scanned.ItemLength),
                    scanned.PriceCents, scanned.TimestampMicros));
        }

        var accepted = SaleEventCodec.TryDecode(key, value, NowMicros, new StoreNames(), out Sale sale, out var rejection);
        var fullAccepted = SaleEventCodec.TryDecodeWithFullValidator(key, value, NowMicros, new StoreNames(), out Sale fullSale, out var fullRejection);
        Assert.Equal((fullAccepted, fullRejection, fullSale), (accepted, rejection, sale));
        Assert.Equal(reason, rejection);

        var eventAccepted = SaleEventCodec.TryDecode(key, value, NowMicros, out SaleEvent? saleEvent, out var eventRejection);
        Assert.Equal((accepted, rejection), (eventAccepted, eventRejection));
        if (saleEvent is not null)
        {
            Assert.Equal(sale, new Sale(saleEvent.Store, (long)(saleEvent.Price * 100), saleEvent.TimestampMicros));
            Assert.Equal(Encoding.UTF8.GetString(item, 0, parsed.ItemLength), saleEvent.Item);
        }

        counts.Add(fast, accepted);
    }

    /// <summary>How often each side was taken; CsCheck samples on several threads.</summary>
    private sealed class Counts
    {
        private int _fastPath;
        private int _fullOnlyValid;
        private int _rejected;

        public int FastPath => _fastPath;

        public int FullOnlyValid => _fullOnlyValid;

        public int Rejected => _rejected;

        public void Add(bool fast, bool accepted)
        {
            if (fast)
            {
                Interlocked.Increment(ref _fastPath);
            }
            else if (accepted)
            {
                Interlocked.Increment(ref _fullOnlyValid);
            }
            else
            {
                Interlocked.Increment(ref _rejected);
            }
        }
    }
}
