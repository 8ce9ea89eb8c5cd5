using System.Buffers;
using System.Text;
using RealtimeSales.Contracts;

namespace RealtimeSales.Producer;

/// <summary>
/// Simulates receipts from <c>store-1</c> … <c>store-N</c>. Stores, items, prices, lateness and faults
/// follow the seed; timestamps follow the clock, so a seeded stream is reproducible up to event time.
/// </summary>
internal sealed class SaleGenerator(ProducerOptions options, TimeProvider clock)
{
    /// <summary>Receipts arrive slightly out of order: up to this much behind the clock.</summary>
    private const long JitterMicros = 2_000_000;
    private const long LateMinMicros = 30_000_000;
    private const long LateMaxMicros = 90_000_000;

    // Longer than any event with a store of up to 7 digits: the catalogue's items are short.
    private const int MaxReusedLength = 255;

    private readonly Random _random = options.Seed is { } seed ? new Random(seed) : new Random();
    private readonly string[] _stores = [.. Enumerable.Range(1, options.Stores).Select(i => $"store-{i}")];
    private readonly byte[][] _keys = [.. Enumerable.Range(1, options.Stores).Select(i => Encoding.UTF8.GetBytes($"store-{i}"))];
    private readonly ArrayBufferWriter<byte> _json = new(256);

    // One value array per length, reused: the client copies the bytes before Produce returns (librdkafka's
    // RD_KAFKA_MSG_F_COPY), and a fresh array per message was garbage for the GC on the same two cores.
    private readonly byte[]?[] _values = new byte[]?[MaxReusedLength + 1];

    /// <summary>The next message. For a valid or late one, its value array is reused by the call after.</summary>
    public GeneratedMessage Next()
    {
        var storeIndex = _random.Next(_stores.Length);
        var roll = _random.NextDouble();
        if (roll < options.MalformedFraction)
        {
            return new GeneratedMessage(_keys[storeIndex], Malformed(_stores[storeIndex]), MessageKind.Malformed);
        }

        var late = roll < options.MalformedFraction + options.LateFraction;
        var lag = late ? _random.NextInt64(LateMinMicros, LateMaxMicros) : _random.NextInt64(JitterMicros);
        var (item, listPrice) = Catalog.Items[_random.Next(Catalog.Items.Count)];
        var sale = new SaleEvent(_stores[storeIndex], item, Price(listPrice), NowMicros() - lag);
        _json.ResetWrittenCount();
        SaleEventCodec.Write(sale, _json);
        return new GeneratedMessage(_keys[storeIndex], Reused(_json.WrittenSpan), late ? MessageKind.Late : MessageKind.Valid);
    }

    /// <summary>List price with a promotion now and then: between 80% and 100%, in whole cents.</summary>
    private decimal Price(long listPriceCents) =>
        new((int)(listPriceCents * _random.Next(80, 101) / 100), 0, 0, isNegative: false, scale: 2);

    private long NowMicros() => clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;

    private byte[] Reused(ReadOnlySpan<byte> json)
    {
        var value = json.Length <= MaxReusedLength ? _values[json.Length] ??= new byte[json.Length] : new byte[json.Length];
        json.CopyTo(value);
        return value;
    }

    /// <summary>One of the faults real producers make; each must end up in <c>rejected_events</c>.</summary>
    private byte[] Malformed(string store)
    {
        var ts = NowMicros() / 1_000_000;
        var json = _random.Next(8) switch
        {
            0 => $$"""{"store":"{{store}}","item":"coffee","price":4.50""",
            1 => $$"""{"store":"{{store}}","item":"coffee","price":"4.50","ts":{{ts}}}""",
            2 => $$"""{"store":"{{store}}","item":"coffee","price":4.505,"ts":{{ts}}}""",
            3 => $$"""{"store":"{{store}}","item":"coffee","price":-1.00,"ts":{{ts}}}""",
            4 => $$"""{"store":"{{store}}","item":"coffee","price":4.50,"ts":{{ts * 1000}}}""",
            5 => $$"""{"store":"{{store}}","item":"coffee","price":4.50}""",
            6 => $$"""{"store":"other-store","item":"coffee","price":4.50,"ts":{{ts}}}""",
            _ => null,
        };
        return json is null ? InvalidUtf8(store, ts) : Encoding.UTF8.GetBytes(json);
    }

    private static byte[] InvalidUtf8(string store, long ts)
    {
        var bytes = Encoding.UTF8.GetBytes($$"""{"store":"{{store}}","item":"caf?","price":4.50,"ts":{{ts}}}""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xC3; // a lead byte with no continuation
        return bytes;
    }
}
