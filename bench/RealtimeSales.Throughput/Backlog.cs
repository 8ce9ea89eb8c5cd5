namespace RealtimeSales.Throughput;

/// <summary>
/// The headline comparison, on a pipeline of its own. The producer first writes a backlog of the same volume and mix
/// as the concurrent run, with nothing else running; the harness reads it back to count it. Then, in
/// <see cref="HarnessOptions.Rounds"/> interleaved rounds (this VM's speed moves a lot between minutes), each of:
/// the two bare consumers of <see cref="BareConsumer"/> drain the backlog (which goes first alternates from round to
/// round); then a new aggregator process, cold, exactly-once, on a new empty database and consumer group, drains
/// the same backlog, and the database must account for every event of it, row for row, before its rate counts.
/// </summary>
internal static class Backlog
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(10);

    public static async Task<BacklogRun> MeasureAsync(HarnessOptions options, BenchServer server, CancellationToken cancellationToken)
    {
        await using var pipeline = await Pipeline.StartAsync(options, server, "backlog_0", cancellationToken);
        using var producerCpu = pipeline.MeasureCpu();
        var producer = pipeline.StartProducer(options.Events, eventsPerSecond: 0);
        await pipeline.WaitForProducerAsync(producer, s_timeout, cancellationToken);
        var producerUsage = producerCpu.Stop();
        using var probe = new TopicProbe(pipeline.BootstrapServers, options.Partitions);
        var (first, last) = probe.ProducedBetween(new Dictionary<int, long>(), probe.EndOffsets());
        var producerAlone = DrainRate.Of(options.Events / (last - first).TotalSeconds, producerUsage, Pipeline.ProducerCpu, options.Events);
        Progress.Line($"  backlog of {options.Events:N0} events produced at {producerAlone.EventsPerSecond:N0} ev/s; reading it back to count it");
        var topic = TopicCount.Read(pipeline.BootstrapServers, pipeline.ProducedSoFar());
        Progress.Line($"  read {topic.Messages:N0} events in {topic.ReadSeconds:F1} s; producer: {topic.Produced}");

        // A round first that does not count: the first drains run the harness's own code for the first time, and
        // compiling it cost the aggregator more CPU than the harness's polling ever does.
        var warmUp = await RunRoundAsync(pipeline, topic, 0, "warm-up round (not counted)", cancellationToken);
        Progress.Line($"  warm-up round: ceilings {warmUp.ConsumeCeiling.EventsPerSecond:N0} / {warmUp.BatchCeiling.EventsPerSecond:N0} ev/s, " +
            $"aggregator {warmUp.Aggregator.EventsPerSecond:N0} ev/s");
        List<DrainRound> rounds = [];
        for (var round = 1; round <= options.Rounds; round++)
        {
            var result = await RunRoundAsync(pipeline, topic, round, $"round {round} of {options.Rounds}", cancellationToken);
            rounds.Add(result);
            Progress.Line($"  round {round} of {options.Rounds}: ceilings {result.ConsumeCeiling.EventsPerSecond:N0} (Consume) / " +
                $"{result.BatchCeiling.EventsPerSecond:N0} (batch) ev/s, aggregator {result.Aggregator.EventsPerSecond:N0} ev/s " +
                $"({result.Ratio:0.00} of the faster), every event accounted for, row for row");
        }

        return new BacklogRun(producerAlone, topic.Messages, rounds);
    }

    /// <summary>The bare consumers drain the backlog, then a new aggregator on a new, empty database.</summary>
    private static async Task<DrainRound> RunRoundAsync(Pipeline pipeline, TopicCount topic, int number, string round, CancellationToken cancellationToken)
    {
        var load = Harness.LoadAverage();
        DrainRate consume, batch;
        if (number % 2 == 0)
        {
            batch = await CeilingAsync(pipeline, topic, "batch path", BareConsumer.DrainInBatches, round, cancellationToken);
            consume = await CeilingAsync(pipeline, topic, "Consume loop", BareConsumer.DrainWithConsume, round, cancellationToken);
        }
        else
        {
            // The other order every other round: neither consumer always runs on a machine the other just warmed.
            consume = await CeilingAsync(pipeline, topic, "Consume loop", BareConsumer.DrainWithConsume, round, cancellationToken);
            batch = await CeilingAsync(pipeline, topic, "batch path", BareConsumer.DrainInBatches, round, cancellationToken);
        }

        if (number > 0)
        {
            await pipeline.UseNewDatabaseAsync($"backlog_{number}", cancellationToken);
        }

        await HarnessQuiet.WaitAsync(cancellationToken);
        pipeline.StartAggregator();
        await pipeline.WaitForAssignmentAsync(cancellationToken);
        var assigned = DateTime.UtcNow;
        using var aggregatorCpu = pipeline.MeasureCpu();
        var committed = await pipeline.WaitForCheckpointedAsync(topic.Messages, s_timeout, cancellationToken);
        var usage = aggregatorCpu.Stop();
        var aggregator = DrainRate.Of(topic.Messages / (committed - assigned).TotalSeconds, usage, Pipeline.AggregatorCpu, topic.Messages);
        Progress.Line($"  {round}: aggregator {aggregator.EventsPerSecond:N0} ev/s; waiting for its last windows to close, then judging the tables");
        var account = await Accounting.VerifyAsync(pipeline, topic, $"the aggregator drain of the {round}", cancellationToken);
        await pipeline.StopAggregatorAsync(cancellationToken);
        return new DrainRound(consume, batch, aggregator, usage.MicrosPerEvent(Pipeline.HarnessCpu, topic.Messages), load, account);
    }

    private static async Task<DrainRate> CeilingAsync(Pipeline pipeline, TopicCount topic, string name,
        Func<string, IReadOnlyDictionary<int, long>, double> drain, string round, CancellationToken cancellationToken)
    {
        await HarnessQuiet.WaitAsync(cancellationToken);
        using var cpu = pipeline.MeasureCpu();
        var rate = drain(pipeline.BootstrapServers, topic.End);
        var result = DrainRate.Of(rate, cpu.Stop(), Pipeline.HarnessCpu, topic.Messages);
        Progress.Line($"  {round}: bare consumer, {name}: {rate:N0} ev/s, {result.CpuMicrosPerEvent:0.00} µs CPU/event");
        return result;
    }
}
