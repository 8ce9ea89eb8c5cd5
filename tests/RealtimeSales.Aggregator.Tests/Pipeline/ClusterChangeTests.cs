using RealtimeSales.Oracle;
using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>
/// A DevBroker restart loses every message and numbers new ones from 0 under a new cluster id. The
/// aggregator must notice, record it, and read the new log from its start: seeking to its old offsets
/// would silently skip the new messages.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ClusterChangeTests(PostgresFixture postgres)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private static readonly AggregatorSettings s_settings = new();

    [Fact]
    public async Task ABrokerRestartedUnderANewClusterIdIsRecordedAndItsNewLogCountedFromTheStart()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateDatabaseAsync(cancellationToken);
        // Late receipts as well: across the pause between the two logs the idle rule moves the watermark, and the recount bounds it.
        var traffic = new ProducerSettings(MaxEvents: 6_000, EventsPerSecond: 3_000, Stores: 20, LateFraction: 0.02, MalformedFraction: 0.01);

        var broker = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken);
        await using var aggregator = Workers.StartAggregator("aggregator", broker.BootstrapServers, database, s_settings);
        ExactlyOnceReport before;
        ProducerTally first;
        await using (broker)
        {
            await using var producer = Workers.StartProducer("producer-1", broker.BootstrapServers, traffic with { Seed = 1 });
            Assert.True(await producer.WaitForExitAsync(s_timeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());
            first = ProducerLines.Tally(producer.Lines);
            before = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, s_settings, first, s_timeout, () => aggregator.Tail(), cancellationToken);
            Assert.True(before.Differences.Count == 0, before.ToString());
        }

        await using var restarted = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken, broker.Port);
        ProducerTally second;
        await using (var producer = Workers.StartProducer("producer-2", restarted.BootstrapServers, traffic with { Seed = 2 }))
        {
            Assert.True(await producer.WaitForExitAsync(s_timeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());
            second = ProducerLines.Tally(producer.Lines);
        }

        // Both logs against the tables: rows keyed by cluster id, and exactly one change from the first cluster to the second.
        var after = await ExactlyOnce.CheckAsync(restarted.BootstrapServers, database, s_settings, first + second, s_timeout,
            () => aggregator.Tail(), before.Logs, cancellationToken);

        await aggregator.WaitForLineAsync(line => line.Contains("Kafka cluster id changed", StringComparison.Ordinal), s_timeout,
            "the cluster change to be logged", cancellationToken);
        Assert.True(after.Differences.Count == 0, after.ToString());
        Assert.NotEqual(before.Logs[0].ClusterId, after.Logs[1].ClusterId);
        Assert.Single(after.Actual.ClusterChanges);
        Assert.Equal(12_000, after.Actual.EventCount);
        Assert.False(aggregator.HasExited, aggregator.Tail());
    }
}
