using BenchmarkDotNet.Attributes;

namespace RealtimeSales.Benchmarks;

/// <summary>The per-event work of the consume loop: decode and aggregate, on one core.</summary>
[MemoryDiagnoser]
public class ParseAndAggregateBenchmarks
{
    private const int Events = 100_000;

    private ParseAndAggregate _engine = null!;
    private ParseAndAggregate _fullValidatorEngine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new ParseAndAggregate(new SaleStream(stores: 1_000, Events, eventsPerSecond: 20_000));
        _engine.Lap();
        _fullValidatorEngine = new ParseAndAggregate(new SaleStream(stores: 1_000, Events, eventsPerSecond: 20_000), fullValidator: true);
        _fullValidatorEngine.Lap();
    }

    /// <summary>Per event: <c>SaleEventCodec.TryDecode</c> then <c>PartitionWindows.Add</c>.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public int DecodeAndAdd() => _engine.Lap();

    /// <summary>The same with the full validator alone, as before the fast path.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int DecodeWithFullValidatorAndAdd() => _fullValidatorEngine.Lap();
}
