namespace RealtimeSales.Throughput;

/// <summary>
/// The aggregator with exactly-once checkpoints, the producer sending as fast as it can at the same time, on the
/// same two cores. The aggregator is warm: it has first aggregated and checkpointed a warm-up of
/// <see cref="WarmUpEvents"/>, as a worker that has been running for a while has (tiered compilation has settled; a
/// cold start is what the backlog rounds and the recovery phase measure). The clock runs from the producer's
/// timestamp on the first measured event to the commit of the checkpoint that accounts for the last one; then the
/// database must account for the whole topic, warm-up included, row for row. Lag and ownership changes are watched
/// throughout.
/// </summary>
internal static class AggregatorThroughput
{
    public const int WarmUpEvents = 200_000;

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(10);

    public static async Task<AggregatorRun> MeasureAsync(Pipeline pipeline, HarnessOptions options, CancellationToken cancellationToken)
    {
        pipeline.StartAggregator();
        await pipeline.WaitForAssignmentAsync(cancellationToken);
        Progress.Line($"  aggregator owns its partitions; warming it up with {WarmUpEvents:N0} events");
        await pipeline.WaitForProducerAsync(pipeline.StartProducer(WarmUpEvents, eventsPerSecond: 0), s_timeout, cancellationToken);
        await pipeline.WaitForCheckpointedAsync(WarmUpEvents, s_timeout, cancellationToken);
        using var probe = new TopicProbe(pipeline.BootstrapServers, options.Partitions);
        var warm = probe.EndOffsets();

        Progress.Line($"  producing {options.Events:N0} events");
        await using var lag = new LagMonitor(pipeline, options.Partitions);
        using var cpu = pipeline.MeasureCpu();
        var producer = pipeline.StartProducer(options.Events, eventsPerSecond: 0);
        var committed = await pipeline.WaitForCheckpointedAsync(WarmUpEvents + options.Events, s_timeout, cancellationToken);
        var usage = cpu.Stop();
        var lagReport = await lag.StopAsync();
        await pipeline.WaitForProducerAsync(producer, s_timeout, cancellationToken);
        var (first, last) = probe.ProducedBetween(warm, probe.EndOffsets());

        Progress.Line("  reading the topic back to count it; waiting for the last windows to close, then judging the tables");
        var topic = TopicCount.Read(pipeline.BootstrapServers, pipeline.ProducedSoFar());
        var account = await Accounting.VerifyAsync(pipeline, topic, "the aggregator + producer phase", cancellationToken);
        return new AggregatorRun(
            options.Events / (committed - first).TotalSeconds,
            options.Events / (last - first).TotalSeconds,
            account,
            usage,
            lagReport,
            first,
            committed);
    }
}
