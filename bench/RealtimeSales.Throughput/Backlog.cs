using System.Diagnostics;
using Confluent.Kafka;
using RealtimeSales.Contracts;
using RealtimeSales.ServiceDefaults;

namespace RealtimeSales.Throughput;

/// <summary>
/// The ceiling, on a pipeline of its own: the producer first writes a backlog of the same volume and mix as the
/// aggregator run, then a bare Confluent consumer drains it — the aggregator's own client settings
/// (<see cref="KafkaClientDefaults.Consumer"/>: fetch wait, fields marshalled, byte-array key and value), assigned
/// the partitions directly, no processing; the best of <see cref="CeilingRounds"/> drains counts.
/// Then the aggregator drains the same backlog, for a comparison on equal terms (no producer running); it starts
/// cold there, so its rate includes tiered compilation settling (about a second of CPU).
/// </summary>
internal static class Backlog
{
    private const int CeilingRounds = 3;

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_consumeTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromSeconds(3);

    // Unused without a group subscription; only to build the aggregator's consumer settings.
    private static readonly TimeSpan s_sessionTimeout = TimeSpan.FromSeconds(6);

    public static async Task<BacklogRun> MeasureAsync(HarnessOptions options, BenchServer server, CancellationToken cancellationToken)
    {
        await using var pipeline = await Pipeline.StartAsync(options, server, "backlog", cancellationToken);
        var producer = pipeline.StartProducer(options.Events, eventsPerSecond: 0);
        await pipeline.WaitForProducerAsync(producer, s_timeout, cancellationToken);
        using var probe = new TopicProbe(pipeline.BootstrapServers, options.Partitions);
        var end = probe.EndOffsets();
        var (first, last) = probe.ProducedBetween(new Dictionary<int, long>(), end);
        var producerAlone = options.Events / (last - first).TotalSeconds;
        Progress.Line($"  backlog of {options.Events:N0} events produced at {producerAlone:N0} ev/s; the bare consumer drains it");

        // The best of a few drains: the ceiling is what the machine can do, not what it did while busy elsewhere.
        var drains = new List<(double Rate, CpuUsage Cpu)>();
        for (var round = 1; round <= CeilingRounds; round++)
        {
            using var drainCpu = pipeline.MeasureCpu();
            var rate = Drain(pipeline.BootstrapServers, end);
            drains.Add((rate, drainCpu.Stop()));
            Progress.Line($"  drain {round} of {CeilingRounds}: {rate:N0} ev/s");
        }

        var (drain, drainUsage) = drains.MaxBy(d => d.Rate);
        Progress.Line($"  ceiling {drain:N0} ev/s; now the aggregator drains the backlog");

        pipeline.StartAggregator();
        await pipeline.WaitForAssignmentAsync(cancellationToken);
        var assigned = DateTime.UtcNow;
        using var aggregatorCpu = pipeline.MeasureCpu();
        await pipeline.WaitForCheckpointedAsync(options.Events, s_timeout, cancellationToken);
        var aggregatorUsage = aggregatorCpu.Stop();
        var committed = await pipeline.Database.LastCheckpointCommitAsync(cancellationToken);
        await pipeline.VerifyAccountedAsync(cancellationToken);
        return new BacklogRun(producerAlone, drain, drainUsage, options.Events / (committed - assigned).TotalSeconds, aggregatorUsage);
    }

    private static double Drain(string bootstrapServers, IReadOnlyDictionary<int, long> end)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(
            KafkaClientDefaults.Consumer(bootstrapServers, "bench-ceiling", s_sessionTimeout)).Build();
        var total = end.Values.Sum();
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        consumer.Assign(end.Keys.Select(partition => new TopicPartitionOffset(Topics.Sales, partition, Offset.Beginning)));
        for (long consumed = 0; consumed < total;)
        {
            // Only count: this is the cost of getting the bytes into .NET and nothing else.
            var result = consumer.Consume(s_consumeTimeout)
                ?? throw new TimeoutException($"The ceiling consumer got no message within {s_consumeTimeout} after {consumed:N0} of {total:N0}.");
            if (result.IsPartitionEOF)
            {
                continue;
            }

            consumed++;
            if (consumed % 65_536 == 0 && Stopwatch.GetElapsedTime(lastReport) >= s_progressInterval)
            {
                Progress.Line($"  drained {consumed:N0} of {total:N0} events");
                lastReport = Stopwatch.GetTimestamp();
            }
        }

        return total / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
