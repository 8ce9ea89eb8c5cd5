using Npgsql;
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
        // No late events: the pause between the two logs lets the idle rule move the watermark, which a recount cannot know.
        var traffic = new ProducerSettings(MaxEvents: 6_000, EventsPerSecond: 3_000, Stores: 20, MalformedFraction: 0.01);

        var broker = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken);
        var port = int.Parse(broker.BootstrapServers.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        await using var aggregator = Workers.StartAggregator("aggregator", broker.BootstrapServers, database, s_settings);
        ExactlyOnceReport before;
        await using (broker)
        {
            await using var producer = Workers.StartProducer("producer-1", broker.BootstrapServers, traffic with { Seed = 1 });
            Assert.Equal(0, await producer.WaitForExitAsync(s_timeout, cancellationToken));
            before = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, s_settings, s_timeout, () => aggregator.Tail(), cancellationToken);
            Assert.True(before.Differences.Count == 0, before.ToString());
        }

        await using var restarted = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken, port);
        await using (var producer = Workers.StartProducer("producer-2", restarted.BootstrapServers, traffic with { Seed = 2 }))
        {
            Assert.Equal(0, await producer.WaitForExitAsync(s_timeout, cancellationToken));
        }

        var log = TopicReader.ReadAll(restarted.BootstrapServers, "sales", TimeSpan.FromSeconds(30));
        var after = TopicRecount.Count(log, s_settings.WindowSize, s_settings.WatermarkDelay);
        await ExactlyOnce.WaitForCatchUpAsync(log, database, s_timeout, () => aggregator.Tail(), cancellationToken);

        await aggregator.WaitForLineAsync(line => line.Contains("Kafka cluster id changed", StringComparison.Ordinal), s_timeout,
            "the cluster change to be logged", cancellationToken);
        var actual = await SalesTables.ReadAsync(database, "sales", cancellationToken);
        var expectedWindows = before.Expected.Windows.Concat(after.Windows).ToDictionary();
        Assert.Equal(expectedWindows.Count, before.Expected.Windows.Count + after.Windows.Count);
        Assert.Equal(expectedWindows.OrderBy(w => w.Key), actual.Windows.OrderBy(w => w.Key));
        Assert.Equal([before.Expected.Rejected.Count, after.Rejected.Count], await RejectedPerCluster(database, cancellationToken));
        Assert.Equal(1L, await SalesTables.ScalarAsync<long>(database, "SELECT count(*) FROM cluster_changes", cancellationToken));
        Assert.False(aggregator.HasExited, aggregator.Tail());
    }

    private static async Task<long[]> RejectedPerCluster(string database, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM rejected_events r
            JOIN cluster_changes c ON r.cluster_id IN (c.previous_cluster_id, c.new_cluster_id)
            GROUP BY r.cluster_id = c.new_cluster_id ORDER BY r.cluster_id = c.new_cluster_id
            """);
        List<long> counts = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(reader.GetInt64(0));
        }

        return [.. counts];
    }
}
