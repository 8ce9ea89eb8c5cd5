using BenchmarkDotNet.Attributes;
using RealtimeSales.Contracts;

namespace RealtimeSales.Benchmarks;

/// <summary>
/// Decoding one valid event into the hot-path <see cref="Sale"/>, store id interned: the codec as the aggregator
/// calls it (fast path first), beside the full validator alone, which is what every event went through before the
/// fast path (issue 12) and what anything unusual still goes through.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private const int Events = 100_000;

    private readonly SaleStream _stream = new(stores: 1_000, Events, eventsPerSecond: 20_000);
    private readonly StoreNames _stores = new();

    [GlobalSetup]
    public void InternStores() => Decode();

    /// <summary>Per event: <c>SaleEventCodec.TryDecode</c> with <see cref="StoreNames"/>.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long Decode()
    {
        var cents = 0L;
        for (var i = 0; i < _stream.Count; i++)
        {
            if (SaleEventCodec.TryDecode(_stream.Key(i), _stream.Value(i), _stream.NowMicros, _stores, out var sale, out _))
            {
                cents += sale.PriceCents;
            }
        }

        return cents;
    }

    /// <summary>Per event: the full validator, the fast path skipped.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long DecodeWithFullValidator()
    {
        var cents = 0L;
        for (var i = 0; i < _stream.Count; i++)
        {
            if (SaleEventCodec.TryDecodeWithFullValidator(_stream.Key(i), _stream.Value(i), _stream.NowMicros, _stores, out var sale, out _))
            {
                cents += sale.PriceCents;
            }
        }

        return cents;
    }

    /// <summary>The two parts of <see cref="Decode"/>: first, the fast path's scan alone.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long FastPathScan()
    {
        var cents = 0L;
        for (var i = 0; i < _stream.Count; i++)
        {
            if (SaleEventFastPath.TryScan(_stream.Key(i), _stream.Value(i), _stream.NowMicros, out var sale))
            {
                cents += sale.PriceCents;
            }
        }

        return cents;
    }

    /// <summary>Then interning the store id, from its UTF-8 bytes to the one string for it.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long InternStoreId()
    {
        var length = 0L;
        for (var i = 0; i < _stream.Count; i++)
        {
            length += _stores.Intern(_stream.Key(i)).Length;
        }

        return length;
    }
}
