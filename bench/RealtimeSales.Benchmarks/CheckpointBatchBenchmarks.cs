using System.Text;
using BenchmarkDotNet.Attributes;
using Npgsql;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;

namespace RealtimeSales.Benchmarks;

/// <summary>
/// Preparing one checkpoint: <c>CheckpointBatch.Build</c> for the delta of one second at 200,000 events/s over
/// 24 partitions and 1,000 stores, taken at a window boundary — 1,000 windows close (inserted, and their
/// persisted open-window rows deleted), about 2,000 open windows change, 2% of the events are late and 1% rejected.
/// No database: <c>Build</c> only creates the batch and its parameter arrays, it never touches the connection.
/// </summary>
[MemoryDiagnoser]
public class CheckpointBatchBenchmarks
{
    private const int Partitions = 24;
    private const int Stores = 1_000;
    private const int EventsInDelta = 200_000;
    private const long SecondMicros = 1_000_000;

    // Never opened: Build hands it to the NpgsqlBatch constructor, which only stores it.
    private readonly NpgsqlConnection _connection = new();
    private List<PartitionDelta> _deltas = [];

    [GlobalSetup]
    public void BuildDelta()
    {
        var spec = WindowSpec.From(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        var start = SaleStream.StartMicros;
        var windows = Enumerable.Range(0, Partitions)
            .Select(_ => new PartitionWindows(spec, PartitionCheckpoint.Empty(0), []))
            .ToArray();
        var stores = Enumerable.Range(1, Stores).Select(i => $"store-{i}").ToArray();
        var random = new Random(7);
        var offsets = new long[Partitions];

        // 59.5 s of traffic, committed: every store has persisted open windows [0 s, 30 s) and [30 s, 60 s).
        Feed(start, start + (59 * SecondMicros) + (SecondMicros / 2), events: 600_000, lateFraction: 0, rejectedFraction: 0);
        foreach (var partition in windows)
        {
            partition.Seal();
        }

        // The next second: the watermark passes 30 s, so the first window of every store closes.
        Feed(start + (59 * SecondMicros) + (SecondMicros / 2), start + (60 * SecondMicros) + (SecondMicros / 2),
            EventsInDelta, lateFraction: 0.02, rejectedFraction: 0.01);

        _deltas = [.. windows.Select((engine, partition) =>
            new PartitionDelta(partition, Generation: 1, "bench-cluster", Guid.CreateVersion7(), Guid.CreateVersion7(), engine.Seal()))];

        void Feed(long from, long to, int events, double lateFraction, double rejectedFraction)
        {
            var step = (to - from) / events;
            for (var i = 0; i < events; i++)
            {
                var store = random.Next(Stores);
                var partition = store % Partitions;
                var offset = offsets[partition]++;
                var ts = from + (i * step) - random.NextInt64(SaleStream.JitterMicros);
                var roll = random.NextDouble();
                if (roll < rejectedFraction)
                {
                    var payload = Encoding.UTF8.GetBytes($$"""{"store":"{{stores[store]}}","item":"coffee","price":4.505,"ts":{{ts / SecondMicros}}}""");
                    windows[partition].Reject(offset, Encoding.UTF8.GetBytes(stores[store]), payload,
                        "price: 4.505 has more than 2 decimal places", to);
                    continue;
                }

                // A late receipt lags 61–90 s: its window closed before this delta began.
                var lag = roll < rejectedFraction + lateFraction ? random.NextInt64(61 * SecondMicros, 90 * SecondMicros) : 0;
                windows[partition].Add(offset, new Sale(stores[store], random.Next(150, 9_000), ts - lag), to);
            }
        }
    }

    /// <summary>Per checkpoint: build the batch of every changed row, ready to execute in one round trip.</summary>
    [Benchmark]
    public int Build()
    {
        using var batch = CheckpointBatch.Build(_connection, transaction: null!, Topics.Sales, _deltas);
        return batch.BatchCommands.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();
}
