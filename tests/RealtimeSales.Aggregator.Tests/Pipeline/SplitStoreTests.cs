using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>
/// A store on several partitions (another writer's partitioner, or partitions added to scale out; issue 11): each
/// partition's share of a window is committed once with that partition's offsets, the row is their exact sum, and the
/// pipeline never stops over it — through crashes.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class SplitStoreTests(PostgresFixture postgres)
{
    private const int Partitions = 4;
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_settleTimeout = TimeSpan.FromSeconds(180);
    /// <summary>A short session, so that a killed aggregator's partitions come back within a few seconds and every kill lands in traffic.</summary>
    private static readonly AggregatorSettings s_settings = new() { SessionTimeout = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task StoresSplitAcrossPartitionsFromTheStartAreSummedExactlyThroughCrashes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(Partitions, cancellationToken);
        await using var crashes = CrashSchedule.Random(s_startTimeout);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 20_000, EventsPerSecond: 1_000, Stores: 20, LateFraction: 0.02, MalformedFraction: 0.01, Seed: crashes.Seed));
        using var writer = new ReceiptWriter(broker.BootstrapServers);
        // Every split store's receipts go round the partitions in turn: each window has a share on each of them.
        var writing = WriteAsync(writer, 0, 2_000, i => ($"split-{i % 5}", i % Partitions), cancellationToken);

        await using var aggregator = await crashes.RunAsync(
            n => Workers.StartAggregator($"aggregator-{n}", broker.BootstrapServers, database, s_settings), kills: 3,
            producing: () => !writing.IsCompleted && !producer.HasExited, cancellationToken);

        await writing;
        await AssertExactlyOnceAsync(broker, database, producer, writer, aggregator, crashes, 22_000, cancellationToken);
        Assert.True(await SharedWindowsAsync(database, "split-%", cancellationToken) > 0, "no window of a split store had shares on several partitions");
    }

    [Fact]
    public async Task AStoreThatMovesToAnotherPartitionMidStreamIsSummedExactlyThroughCrashes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(Partitions, cancellationToken);
        await using var crashes = CrashSchedule.Random(s_startTimeout);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 20_000, EventsPerSecond: 1_000, Stores: 20, LateFraction: 0.02, MalformedFraction: 0.01, Seed: crashes.Seed));
        using var writer = new ReceiptWriter(broker.BootstrapServers);
        // As when the topic gains partitions: the store's receipts move from partition 0 to partition 2, in mid-window.
        var writing = MoveMidWindowAsync(writer, cancellationToken);

        await using var aggregator = await crashes.RunAsync(
            n => Workers.StartAggregator($"aggregator-{n}", broker.BootstrapServers, database, s_settings), kills: 3,
            producing: () => !writing.IsCompleted && !producer.HasExited, cancellationToken);

        await writing;
        await AssertExactlyOnceAsync(broker, database, producer, writer, aggregator, crashes, 22_000, cancellationToken);
        Assert.Equal(1L, await SharedWindowsAsync(database, "moving-store", cancellationToken));
    }

    /// <summary>
    /// 2,000 receipts, the first thousand or so on partition 0, the rest on partition 2; the move happens in the middle
    /// of a window (a quarter of a window from either end), so that the receipts just before and after it share one.
    /// </summary>
    private static Task MoveMidWindowAsync(ReceiptWriter writer, CancellationToken cancellationToken)
    {
        var windowMillis = (long)s_settings.WindowSize.TotalMilliseconds;
        var moved = false;
        return WriteAsync(writer, 0, 2_000, i =>
        {
            var intoWindow = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % windowMillis;
            moved |= i >= 1_000 && intoWindow >= windowMillis / 2 && intoWindow < windowMillis * 3 / 4;
            return ("moving-store", moved ? 2 : 0);
        }, cancellationToken);
    }

    /// <summary>Writes receipts <paramref name="from"/> to <paramref name="to"/> (exclusive) at up to 100 a second, each where <paramref name="place"/> says.</summary>
    private static async Task WriteAsync(ReceiptWriter writer, int from, int to, Func<int, (string Store, int Partition)> place,
        CancellationToken cancellationToken)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        for (var i = from; i < to; i++)
        {
            var (store, partition) = place(i);
            await writer.WriteAsync(store, 1.25m + (i % 7), partition, cancellationToken);
            await pace.WaitForNextTickAsync(cancellationToken);
        }
    }

    private static async Task AssertExactlyOnceAsync(DevBrokerProcess broker, string database, ChildProcess producer, ReceiptWriter writer,
        ChildProcess aggregator, CrashSchedule crashes, int events, CancellationToken cancellationToken)
    {
        Assert.True(await producer.WaitForExitAsync(s_settleTimeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());
        var report = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, s_settings, ProducerLines.Tally(producer.Lines) + writer.Tally,
            s_settleTimeout, () => aggregator.Tail(), cancellationToken);
        Assert.True(report.Differences.Count == 0, $"{crashes.Describe()}: {report}");
        Assert.Equal(events, report.Actual.EventCount);
        Assert.False(aggregator.HasExited, aggregator.Tail());
    }

    /// <summary>How many windows of the matching stores have shares from more than one partition.</summary>
    private static Task<long> SharedWindowsAsync(string database, string storePattern, CancellationToken cancellationToken) =>
        SalesTables.ScalarAsync<long>(database, $"""
            SELECT count(*) FROM (
                SELECT store, window_start FROM window_shares WHERE store LIKE '{storePattern}'
                GROUP BY store, window_start HAVING count(DISTINCT partition) > 1) AS shared
            """, cancellationToken);
}
