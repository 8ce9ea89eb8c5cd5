using RealtimeSales.Benchmarks;

namespace RealtimeSales.Throughput;

/// <summary>Runs the phases in order: in process first, while the machine is otherwise idle, then the real processes.</summary>
internal static class Harness
{
    private const int FootprintStores = 100_000;

    public static async Task<Results> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        var loadBefore = LoadAverage();
        Progress.Line($"parse + aggregate on one core, {options.Events:N0} events from {options.Stores:N0} stores (load average {loadBefore})");
        var engine = await EngineRate.MeasureInChildAsync(options.Stores, options.Events, cancellationToken);
        Progress.Line($"memory per open window at {FootprintStores:N0} stores");
        var footprint = OpenWindowFootprint.Measure(FootprintStores);

        Progress.Line("starting PostgreSQL (track_commit_timestamp = on)");
        await using var server = await BenchServer.StartAsync(cancellationToken);

        Progress.Line($"backlog: {options.Events:N0} events over {options.Partitions} partitions, then {options.Rounds} interleaved rounds " +
            "of the two bare consumers and the aggregator draining it");
        var backlog = await Backlog.MeasureAsync(options, server, cancellationToken);
        Progress.Line($"  medians: ceilings {backlog.ConsumeCeiling:N0} (Consume) / {backlog.BatchCeiling:N0} (batch) ev/s, " +
            $"aggregator {backlog.Aggregator:N0} ev/s (load average {LoadAverage()})");

        await using var pipeline = await Pipeline.StartAsync(options, server, "bench", cancellationToken);
        Progress.Line($"aggregator + producer: {options.Events:N0} events produced and aggregated at once, checkpoint every {options.CheckpointIntervalMs} ms");
        var aggregator = await AggregatorThroughput.MeasureAsync(pipeline, options, cancellationToken);
        Progress.Line($"  aggregator {aggregator.EventsPerSecond:N0} ev/s (load average {LoadAverage()})");
        var underLoad = Latencies.Of(await pipeline.Database.CloseToVisibleAsync(aggregator.FirstProduced, aggregator.LastCommitted, cancellationToken));

        Progress.Line($"close-to-visible latency: {options.LatencySeconds} s at {options.SteadyRate:N0} ev/s");
        var (steady, producer) = await CloseToVisible.MeasureAsync(pipeline, options, aggregator.Account.Total, cancellationToken);
        var checkpoints = await CheckpointHistogram.ScrapeAsync(pipeline.Aggregator, cancellationToken);

        Progress.Line($"recovery: {options.Recoveries} rounds of SIGKILL and restart at {options.SteadyRate:N0} ev/s");
        var recoveries = await Recovery.MeasureAsync(pipeline, options.Recoveries, cancellationToken);
        producer.Signal(Testing.PosixSignalNumber.Terminate);

        return new Results(options, engine, footprint, backlog, aggregator, underLoad, steady, checkpoints, recoveries,
            $"{loadBefore} before, {LoadAverage()} after");
    }

    /// <summary>The 1, 5 and 15-minute load averages: how busy the machine was with work other than this run.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
