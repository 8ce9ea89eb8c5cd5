using Confluent.Kafka;
using Npgsql;
using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>
/// The DevBroker keeps at most 5 MiB per partition. Messages truncated before the aggregator read them are
/// gone: the gap must be recorded in <c>data_gaps</c>, never skipped silently, and reading goes on.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class RetentionGapTests(PostgresFixture postgres)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MessagesTruncatedBeforeTheyWereReadAreRecordedAsAGap()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 1, cancellationToken);
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 5 }).Build())
        {
            // 200 messages of 50 KB: twice the partition's retention. They are malformed on purpose (too long an item).
            var payload = System.Text.Encoding.UTF8.GetBytes($$"""{"store":"store-1","item":"{{new string('x', 50_000)}}","price":1.00,"ts":1}""");
            for (var i = 0; i < 200; i++)
            {
                producer.Produce("sales", new Message<byte[], byte[]> { Key = "store-1"u8.ToArray(), Value = payload });
            }

            producer.Flush(cancellationToken);
        }

        long low, high;
        using (var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = broker.BootstrapServers, GroupId = "probe" }).Build())
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition("sales", 0), s_timeout);
            (low, high) = (watermarks.Low.Value, watermarks.High.Value);
        }

        Assert.True(low > 0, $"the broker kept every message (low {low}, high {high}); the test needs truncation");
        await using var aggregator = Workers.StartAggregator("aggregator", broker.BootstrapServers, database, new AggregatorSettings());

        await Eventually.WaitUntilAsync(async () => (await SalesTables.ProgressAsync(database, "sales", cancellationToken)).NextOffsets.GetValueOrDefault(0) == high,
            s_timeout, $"the checkpoint to reach offset {high}", () => aggregator.Tail(), cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using (var gaps = dataSource.CreateCommand("SELECT from_offset, to_offset FROM data_gaps"))
        await using (var reader = await gaps.ExecuteReaderAsync(cancellationToken))
        {
            Assert.True(await reader.ReadAsync(cancellationToken));
            Assert.Equal((0L, low), (reader.GetInt64(0), reader.GetInt64(1)));
            Assert.False(await reader.ReadAsync(cancellationToken));
        }

        await using var rejected = dataSource.CreateCommand("SELECT count(*), min(kafka_offset) FROM rejected_events");
        await using var counts = await rejected.ExecuteReaderAsync(cancellationToken);
        Assert.True(await counts.ReadAsync(cancellationToken));
        Assert.Equal((high - low, low), (counts.GetInt64(0), counts.GetInt64(1)));
    }
}
