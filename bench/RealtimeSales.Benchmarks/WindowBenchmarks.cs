using BenchmarkDotNet.Attributes;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;

namespace RealtimeSales.Benchmarks;

/// <summary>
/// Aggregating one decoded event: <c>PartitionWindows.Add</c> over 1,000 stores with in-order event time and
/// 2 s of jitter, production windows (W = 30 s, D = 30 s), so windows open, fill and close.
/// </summary>
[MemoryDiagnoser]
public class WindowBenchmarks
{
    private const int Events = 100_000;

    private readonly SaleStream _stream = new(stores: 1_000, Events, eventsPerSecond: 20_000);
    private Sale[] _sales = [];
    private PartitionWindows _windows = null!;
    private long _lap;
    private long _offset;

    [GlobalSetup]
    public void Decode()
    {
        var stores = new StoreNames();
        _sales = new Sale[_stream.Count];
        for (var i = 0; i < _sales.Length; i++)
        {
            SaleEventCodec.TryDecode(_stream.Key(i), _stream.Value(i), _stream.NowMicros, stores, out _sales[i], out _);
        }

        var spec = WindowSpec.From(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        _windows = new PartitionWindows(spec, PartitionCheckpoint.Empty(0), []);
    }

    /// <summary>Per event: <c>PartitionWindows.Add</c>, with a checkpoint delta reset every 100,000 events.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long Add()
    {
        // Each invocation continues the stream in event time, as a live partition would.
        var shift = _lap++ * _stream.DurationMicros;
        var now = _stream.NowMicros + shift;
        foreach (ref readonly var sale in _sales.AsSpan())
        {
            _windows.Add(_offset++, new Sale(sale.Store, sale.PriceCents, sale.TimestampMicros + shift), now);
        }

        _windows.Seal();
        return _windows.WatermarkMicros;
    }
}
