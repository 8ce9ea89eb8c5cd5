using BenchmarkDotNet.Attributes;
using RealtimeSales.Contracts;

namespace RealtimeSales.Benchmarks;

/// <summary>Decoding one valid event into the hot-path <see cref="Sale"/>, store id interned.</summary>
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
}
