using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>
/// Exactly-once under crashes, proven on real processes: a DevBroker, a producer, aggregators that are
/// SIGKILLed and restarted, and PostgreSQL; the database is compared with an independent recount of the topic.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class CrashRecoveryTests(PostgresFixture postgres)
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_settleTimeout = TimeSpan.FromSeconds(180);
    private static readonly AggregatorSettings s_settings = new();

    [Fact]
    public async Task AggregatorKilledSixTimesStillMatchesTheRecountExactly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 12, cancellationToken);
        await using var crashes = CrashSchedule.Random(s_startTimeout);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 200_000, EventsPerSecond: 5_000, Stores: 60, LateFraction: 0.02, MalformedFraction: 0.01, Seed: crashes.Seed));

        // A short session brings a killed member's partitions back within seconds, so that every kill lands in traffic.
        var settings = s_settings with { SessionTimeout = TimeSpan.FromSeconds(2) };
        await using var aggregator = await crashes.RunAsync(
            n => Workers.StartAggregator($"aggregator-{n}", broker.BootstrapServers, database, settings), kills: 6,
            producing: () => !producer.HasExited, cancellationToken);

        Assert.True(await producer.WaitForExitAsync(s_settleTimeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());
        var report = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, settings, ProducerLines.Tally(producer.Lines),
            s_settleTimeout, () => aggregator.Tail(), cancellationToken);

        Assert.True(report.Differences.Count == 0, $"{crashes.Describe()}: {report}");
        Assert.Equal(200_000, report.MessagesInTopic);
        Assert.Equal(200_000, report.Actual.EventCount);
        Assert.InRange(report.Actual.Late.Count, 2_000, 6_000);
        Assert.InRange(report.Actual.Rejected.Count, 1_000, 3_000);
    }

    [Fact]
    public async Task TwoAggregatorsSplitThePartitionsAndTheSurvivorTakesOverExactlyOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 12, cancellationToken);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 60_000, EventsPerSecond: 4_000, Stores: 40, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 11));
        await using var first = Workers.StartAggregator("aggregator-a", broker.BootstrapServers, database, s_settings);
        await first.WaitForLineAsync(AggregatorLines.IsAssignment, s_startTimeout, "assigning partitions", cancellationToken);
        await using var second = Workers.StartAggregator("aggregator-b", broker.BootstrapServers, database, s_settings);

        // The group gives the newcomer a share: the first gives some up, the second gets them.
        await second.WaitForLineAsync(AggregatorLines.IsAssignment, s_startTimeout, "a share of the partitions", cancellationToken);
        await first.WaitForLineAsync(line => line.Contains("revoked; checkpointed before release", StringComparison.Ordinal),
            s_startTimeout, "giving partitions up", cancellationToken);

        first.Kill();
        await Eventually.WaitUntilAsync(() => Task.FromResult(second.Lines.Count(AggregatorLines.IsAssignment) >= 2), s_startTimeout,
            "the survivor to take over the killed member's partitions", () => second.Tail(), cancellationToken);

        Assert.True(await producer.WaitForExitAsync(s_settleTimeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());
        var report = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, s_settings, ProducerLines.Tally(producer.Lines),
            s_settleTimeout, () => second.Tail(), cancellationToken);
        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(60_000, report.Actual.EventCount);
    }

    [Fact]
    public async Task PostgresRestartedMidStreamPausesTheAggregatorWhichThenContinuesExactlyOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 40_000, EventsPerSecond: 3_000, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 5));
        await using var aggregator = Workers.StartAggregator("aggregator", broker.BootstrapServers, database, s_settings);
        await aggregator.WaitForLineAsync(line => line.Contains("Progress:", StringComparison.Ordinal), s_startTimeout, "a progress line", cancellationToken);

        await postgres.Server.StopAsync();
        try
        {
            await aggregator.WaitForLineAsync(line => line.Contains("PostgreSQL is unavailable", StringComparison.Ordinal),
                s_startTimeout, "noticing that PostgreSQL is gone", cancellationToken);
        }
        finally
        {
            await postgres.Server.StartAgainAsync(cancellationToken);
        }

        Assert.True(await producer.WaitForExitAsync(s_settleTimeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());
        var report = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, s_settings, ProducerLines.Tally(producer.Lines),
            s_settleTimeout, () => aggregator.Tail(), cancellationToken);
        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(40_000, report.Actual.EventCount);
        Assert.False(aggregator.HasExited, aggregator.Tail());
    }
}
