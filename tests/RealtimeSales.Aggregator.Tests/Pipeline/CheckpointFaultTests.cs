using Npgsql;
using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>
/// The faults that hit a checkpoint where it is most fragile (issue 11): a crash between building a checkpoint and
/// committing it, a crash after the commit before the aggregator knows it landed, an owner frozen mid-commit that wakes up
/// after another has taken over, and PostgreSQL dying mid-commit. Each run ends with the database equal to the recount.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class CheckpointFaultTests(PostgresFixture postgres)
{
    private const string CrashLine = "REALTIMESALES_CRASH_AT: SIGKILL at";
    private const string FreezeLine = "REALTIMESALES_CRASH_AT: SIGSTOP at";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_settleTimeout = TimeSpan.FromSeconds(180);
    private static readonly AggregatorSettings s_settings = new() { SessionTimeout = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task CrashesBeforeAndAfterTheCommitLoseNothingAndCountNothingTwice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 60_000, EventsPerSecond: 2_000, Stores: 30, LateFraction: 0.02, MalformedFraction: 0.01, Seed: seed));

        // Alternately just before and just after the commit, each at the nth checkpoint of that process.
        string[] crashPoints = [.. Enumerable.Range(0, 4).Select(i => $"{(i % 2 == 0 ? "before-commit" : "after-commit")}:{random.Next(2, 15)}")];
        List<ChildProcess> crashed = [];
        try
        {
            foreach (var crashAt in crashPoints)
            {
                var doomed = Workers.StartAggregator($"aggregator-{crashed.Count + 1} ({crashAt})", broker.BootstrapServers, database, s_settings, crashAt);
                crashed.Add(doomed);
                await doomed.WaitForLineAsync(line => line.Contains(CrashLine, StringComparison.Ordinal), s_settleTimeout,
                    $"crashing at {crashAt} (seed {seed})", cancellationToken);
                Assert.NotEqual(0, await doomed.WaitForExitAsync(s_startTimeout, cancellationToken));
                Assert.False(producer.HasExited, $"seed {seed}: the producer had stopped before the crash at {crashAt}");
            }

            await using var survivor = Workers.StartAggregator("survivor", broker.BootstrapServers, database, s_settings);
            await AssertExactlyOnceAsync(broker, database, producer, survivor, 60_000, $"seed {seed}, crashes at {string.Join(", ", crashPoints)}", cancellationToken);
        }
        finally
        {
            foreach (var process in crashed)
            {
                await process.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AnOwnerFrozenMidCommitKeepsNoOneWaitingAndIsFencedWhenItWakes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 60_000, EventsPerSecond: 2_000, Stores: 30, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 21));
        // Frozen (SIGSTOP) inside its 6th checkpoint transaction: written, not committed, its checkpoint rows locked.
        await using var zombie = Workers.StartAggregator("zombie", broker.BootstrapServers, database, s_settings, "before-commit:6:stop");
        await zombie.WaitForLineAsync(AggregatorLines.IsAssignment, s_startTimeout, "assigning partitions", cancellationToken);
        await using var survivor = Workers.StartAggregator("survivor", broker.BootstrapServers, database, s_settings);
        await zombie.WaitForLineAsync(line => line.Contains(FreezeLine, StringComparison.Ordinal), s_settleTimeout, "freezing mid-commit",
            cancellationToken);
        try
        {
            // Past its session the group gives everything to the survivor, whose claims wait on the frozen transaction's
            // locks until PostgreSQL ends that session (Aggregator:IdleInTransactionTimeout, 10 s): then it takes over.
            await Eventually.WaitUntilAsync(
                () => Task.FromResult(survivor.Lines.SelectMany(AggregatorLines.AssignedPartitions).Distinct().Count() == 6), s_startTimeout,
                "the survivor to own all six partitions", () => survivor.Tail(), cancellationToken);
            Assert.False(producer.HasExited, "the producer must still be sending when the frozen member wakes up");
        }
        finally
        {
            zombie.Signal(PosixSignalNumber.Continue);
        }

        // Awake, the zombie finishes the checkpoint it froze in: its session is gone, and the retry meets the generation fence.
        var verdict = await zombie.WaitForLineAsync(
            line => line.Contains("generation fence", StringComparison.Ordinal) || line.Contains("lost to another member", StringComparison.Ordinal),
            s_startTimeout, "being fenced or told its partitions were lost", cancellationToken);
        TestContext.Current.SendDiagnosticMessage($"the zombie woke up to: {verdict}");
        await AssertExactlyOnceAsync(broker, database, producer, survivor, 60_000, "zombie", cancellationToken);
        Assert.False(zombie.HasExited, "a fenced member carries on:\n" + zombie.Tail());
    }

    [Fact]
    public async Task BackendsTerminatedMidCommitLoseNothingAndCountNothingTwice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 40_000, EventsPerSecond: 2_000, Stores: 30, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 22));
        await using var aggregator = Workers.StartAggregator("aggregator", broker.BootstrapServers, database, s_settings);
        await aggregator.WaitForLineAsync(AggregatorLines.IsAssignment, s_startTimeout, "assigning partitions", cancellationToken);

        // The aggregator commits every few tens of milliseconds: terminating its sessions over and over cuts some commits
        // before, some during and some after the server applied them.
        await using var admin = NpgsqlDataSource.Create(database);
        var terminated = 0L;
        for (var round = 0; round < 40; round++)
        {
            await using var terminate = admin.CreateCommand("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                """);
            terminated += (long)(await terminate.ExecuteScalarAsync(cancellationToken))!;
            await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken);
        }

        Assert.False(producer.HasExited, "the producer must still be sending when the terminations stop");
        Assert.True(terminated > 10, $"only {terminated} backends were terminated");
        await AssertExactlyOnceAsync(broker, database, producer, aggregator, 40_000, $"{terminated} backends terminated", cancellationToken);
        Assert.False(aggregator.HasExited, aggregator.Tail());
    }

    [Fact]
    public async Task PostgresCrashingMidCommitLosesNothingAndCountsNothingTwice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 40_000, EventsPerSecond: 2_000, Stores: 30, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 23));
        await using var aggregator = Workers.StartAggregator("aggregator", broker.BootstrapServers, database, s_settings);
        await aggregator.WaitForLineAsync(AggregatorLines.IsAssignment, s_startTimeout, "assigning partitions", cancellationToken);

        for (var crash = 0; crash < 3; crash++)
        {
            await Eventually.WaitUntilAsync(async () => await SalesTables.ScalarAsync<long>(database,
                    "SELECT coalesce(sum(next_offset), 0)::bigint FROM partition_checkpoints", cancellationToken) > (crash + 1) * 5_000,
                s_settleTimeout, "checkpoints to move on", () => aggregator.Tail(), cancellationToken);
            Assert.False(producer.HasExited, $"the producer must still be sending at crash {crash + 1}");
            // SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, every backend dies at once, recovery at the next start.
            ChildProcess.Signal(postgres.Server.ProcessId ?? throw new InvalidOperationException("PostgreSQL is not running"), PosixSignalNumber.Quit);
            await Eventually.WaitUntilAsync(() => Task.FromResult(postgres.Server.ProcessId is null), s_startTimeout,
                "PostgreSQL to exit after SIGQUIT", () => string.Join('\n', postgres.Server.RecentLog.TakeLast(20)), cancellationToken);
            await postgres.Server.StartAgainAsync(cancellationToken);
        }

        await AssertExactlyOnceAsync(broker, database, producer, aggregator, 40_000, "PostgreSQL crashes", cancellationToken);
        Assert.False(aggregator.HasExited, aggregator.Tail());
    }

    private static async Task AssertExactlyOnceAsync(DevBrokerProcess broker, string database, ChildProcess producer,
        ChildProcess aggregator, int events, string scenario, CancellationToken cancellationToken)
    {
        Assert.True(await producer.WaitForExitAsync(s_settleTimeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());
        var report = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, s_settings, ProducerLines.Tally(producer.Lines), s_settleTimeout,
            () => aggregator.Tail(), cancellationToken);
        Assert.True(report.Differences.Count == 0, $"{scenario}: {report}");
        Assert.Equal(events, report.Actual.EventCount);
    }
}
