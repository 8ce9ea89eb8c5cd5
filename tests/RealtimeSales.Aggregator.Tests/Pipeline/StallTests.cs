using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>
/// A stall of the consume thread is not idleness (DESIGN.md, "Idle partitions"; issue 11): while the aggregator is
/// frozen, or blocked on PostgreSQL, the broker keeps receiving receipts, so no partition may have its watermark
/// advanced by the idle rule and no receipt may end up late. Traffic never pauses here, so the recount is exact.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class StallTests(PostgresFixture postgres)
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_settleTimeout = TimeSpan.FromSeconds(180);

    /// <summary>Idle timeout shorter than the stalls below; a session long enough that the frozen member keeps its partitions.</summary>
    private static readonly AggregatorSettings s_settings = new()
    {
        WindowSize = TimeSpan.FromSeconds(5),
        WatermarkDelay = TimeSpan.FromSeconds(5),
        IdleTimeout = TimeSpan.FromSeconds(8),
        SessionTimeout = TimeSpan.FromSeconds(60),
    };

    private static readonly TimeSpan s_stall = TimeSpan.FromSeconds(20);

    /// <summary>The tests' usual W = D = 2 s, I = 4 s.</summary>
    private static readonly AggregatorSettings s_shortWindows = new();

    [Fact]
    public async Task AFrozenAggregatorClosesNoWindowEarlyWhenItResumes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 4, cancellationToken);
        await using var producer = StartProducer(broker, seed: 3);
        await using var aggregator = Workers.StartAggregator("aggregator", broker.BootstrapServers, database, s_settings);
        await WaitForCheckpointsAsync(database, aggregator, cancellationToken);

        aggregator.Signal(PosixSignalNumber.Stop);
        // The fault itself lasts this long; nothing is being waited for.
        await Task.Delay(s_stall, cancellationToken);
        Assert.False(producer.HasExited, "the producer must still be sending when the aggregator resumes");
        aggregator.Signal(PosixSignalNumber.Continue);

        await AssertExactlyOnceWithNothingLateAsync(broker, database, producer, aggregator, cancellationToken);
        await aggregator.WaitForLineAsync(line => line.Contains("consume thread stalled", StringComparison.Ordinal),
            s_startTimeout, "noticing the stall", cancellationToken);
    }

    [Fact]
    public async Task APostgresOutageLongerThanTheIdleTimeoutClosesNoWindowEarly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 4, cancellationToken);
        await using var producer = StartProducer(broker, seed: 4);
        await using var aggregator = Workers.StartAggregator("aggregator", broker.BootstrapServers, database, s_settings);
        await WaitForCheckpointsAsync(database, aggregator, cancellationToken);

        await postgres.Server.StopAsync();
        try
        {
            await aggregator.WaitForLineAsync(line => line.Contains("PostgreSQL is unavailable", StringComparison.Ordinal),
                s_startTimeout, "noticing that PostgreSQL is gone", cancellationToken);
            await Task.Delay(s_stall, cancellationToken);
            Assert.False(producer.HasExited, "the producer must still be sending when PostgreSQL returns");
        }
        finally
        {
            await postgres.Server.StartAgainAsync(cancellationToken);
        }

        await AssertExactlyOnceWithNothingLateAsync(broker, database, producer, aggregator, cancellationToken);
        Assert.False(aggregator.HasExited, aggregator.Tail());
    }

    /// <summary>About 60 receipts a second per partition for 50 s, in event-time order; none late, none malformed.</summary>
    private static ChildProcess StartProducer(DevBrokerProcess broker, int seed) =>
        Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 12_000, EventsPerSecond: 240, Stores: 12, Seed: seed));

    /// <summary>
    /// Confirming the ends of many partitions is one broker query after another, longer in all than the stall threshold
    /// (~18 ms each here): it must not be taken for a stall, or each confirmation forgets the one before and the last
    /// windows never close (found by the throughput harness with 29 partitions).
    /// </summary>
    [Fact]
    public async Task ConfirmingTheEndsOfManyPartitionsIsNoStallAndTheLastWindowsClose()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 64, cancellationToken);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 6_400, EventsPerSecond: 3_200, Stores: 200, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 5));
        await using var aggregator = Workers.StartAggregator("aggregator", broker.BootstrapServers, database, s_shortWindows);

        Assert.True(await producer.WaitForExitAsync(s_settleTimeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());
        var report = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, s_shortWindows, ProducerLines.Tally(producer.Lines),
            s_settleTimeout, () => aggregator.Tail(), cancellationToken);
        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(6_400, report.Actual.EventCount);
    }

    private static async Task WaitForCheckpointsAsync(string database, ChildProcess aggregator, CancellationToken cancellationToken) =>
        await Eventually.WaitUntilAsync(
            async () => await SalesTables.ScalarAsync<long>(database,
                "SELECT coalesce(sum(next_offset), 0)::bigint FROM partition_checkpoints", cancellationToken) >= 1_000,
            s_startTimeout, "the aggregator to checkpoint its first thousand receipts", () => aggregator.Tail(), cancellationToken);

    private static async Task AssertExactlyOnceWithNothingLateAsync(DevBrokerProcess broker, string database, ChildProcess producer,
        ChildProcess aggregator, CancellationToken cancellationToken)
    {
        Assert.True(await producer.WaitForExitAsync(s_settleTimeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());
        var report = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, s_settings, ProducerLines.Tally(producer.Lines), s_settleTimeout,
            () => aggregator.Tail(), cancellationToken);
        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(12_000, report.Actual.EventCount);
        Assert.True(report.Actual.Late.Count == 0, $"{report.Actual.Late.Count} receipts were counted late:\n{report}");
    }
}
