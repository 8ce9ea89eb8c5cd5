using System.Text;
using RealtimeSales.Contracts;

namespace RealtimeSales.Benchmarks;

/// <summary>
/// A reproducible stream of encoded sale messages as the aggregator reads them from one partition: many stores,
/// event time moving forward at a steady rate with up to <see cref="JitterMicros"/> of out-of-order jitter,
/// so that windows open, fill and close as they do in production.
/// </summary>
public sealed class SaleStream
{
    /// <summary>Receipts arrive up to 2 s behind the clock, as the producer simulates them.</summary>
    public const long JitterMicros = 2_000_000;

    /// <summary>Event time at the start of the stream: 2025-11-24 16:00:00 UTC, on a window boundary.</summary>
    public const long StartMicros = 1_764_000_000_000_000;

    // The producer's catalogue, in short: item names of realistic length and prices with cents.
    private static readonly (string Item, decimal Price)[] s_items =
    [
        ("coffee", 4.50m), ("espresso", 3.20m), ("croissant", 2.95m), ("sandwich", 8.49m),
        ("orange-juice", 3.99m), ("headphones", 49.99m), ("notebook", 6.99m), ("sunglasses", 89.99m),
    ];

    private readonly byte[][] _keys;
    private readonly byte[][] _values;

    /// <summary>Creates <paramref name="events"/> messages from <paramref name="stores"/> stores.</summary>
    /// <param name="stores">Distinct stores, <c>store-1</c> … <c>store-N</c>.</param>
    /// <param name="events">Messages in the stream.</param>
    /// <param name="eventsPerSecond">Event-time rate: how many receipts one second of event time holds.</param>
    /// <param name="seed">Seed for stores, items and jitter.</param>
    public SaleStream(int stores, int events, int eventsPerSecond, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stores);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(events);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPerSecond);
        var random = new Random(seed);
        var names = Enumerable.Range(1, stores).Select(i => $"store-{i}").ToArray();
        var keys = names.Select(Encoding.UTF8.GetBytes).ToArray();
        var stepMicros = 1_000_000L / eventsPerSecond;
        _keys = new byte[events][];
        _values = new byte[events][];
        for (var i = 0; i < events; i++)
        {
            var store = random.Next(stores);
            var (item, price) = s_items[random.Next(s_items.Length)];
            var ts = StartMicros + (i * stepMicros) - random.NextInt64(JitterMicros);
            _keys[i] = keys[store];
            _values[i] = SaleEventCodec.Serialize(new SaleEvent(names[store], item, price, ts));
        }

        Stores = stores;
        DurationMicros = events * stepMicros;
    }

    public int Stores { get; }

    public int Count => _keys.Length;

    /// <summary>Event time the stream spans; replaying it shifted by this much continues it seamlessly.</summary>
    public long DurationMicros { get; }

    /// <summary>A clock for decoding: just after the last event, so that no timestamp is in the future.</summary>
    public long NowMicros => StartMicros + DurationMicros;

    /// <summary>The Kafka key of message <paramref name="index"/>: the store id as UTF-8.</summary>
    public ReadOnlySpan<byte> Key(int index) => _keys[index];

    /// <summary>The Kafka value of message <paramref name="index"/>: the JSON event.</summary>
    public ReadOnlySpan<byte> Value(int index) => _values[index];
}
