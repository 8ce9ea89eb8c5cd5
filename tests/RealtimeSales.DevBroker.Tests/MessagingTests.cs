using System.Globalization;
using Confluent.Kafka;

using RealtimeSales.Testing;

namespace RealtimeSales.DevBroker.Tests;

public sealed class MessagingTests
{
    private const int MessageCount = 1000;

    [Fact]
    public async Task ProducedMessagesAreConsumedBackThroughTheFixedPort()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var broker = await DevBrokerProcess.StartAsync(["--port", "0", "--partitions", "12"], cancellationToken);

        Assert.Matches(@"^127\.0\.0\.1:\d+$", broker.BootstrapServers);
        AssertSalesTopicHasPartitions(broker.BootstrapServers, 12);
        await ProduceAsync(broker.BootstrapServers, cancellationToken);
        var received = Consume(broker.BootstrapServers, cancellationToken);

        Assert.Equal(Enumerable.Range(0, MessageCount), received.Select(int.Parse).Order());
    }

    private static void AssertSalesTopicHasPartitions(string bootstrapServers, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(DevBrokerProcess.DefaultTimeout);
        var sales = Assert.Single(metadata.Topics, topic => topic.Topic == "sales");
        Assert.False(sales.Error.IsError, sales.Error.Reason);
        Assert.Equal(partitions, sales.Partitions.Count);
    }

    private static async Task ProduceAsync(string bootstrapServers, CancellationToken cancellationToken)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = (int)DevBrokerProcess.DefaultTimeout.TotalMilliseconds,
        };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        var deliveries = Enumerable.Range(0, MessageCount)
            .Select(i => producer.ProduceAsync("sales", new Message<string, string> { Key = $"store-{i % 10}", Value = i.ToString(CultureInfo.InvariantCulture) }, cancellationToken))
            .ToList();
        var results = await Task.WhenAll(deliveries);
        Assert.All(results, result => Assert.Equal(PersistenceStatus.Persisted, result.Status));
    }

    private static List<string> Consume(string bootstrapServers, CancellationToken cancellationToken)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"devbroker-test-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 10,
            SessionTimeoutMs = 6000,
        };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe("sales");
        var received = new List<string>(MessageCount);
        var deadline = DateTime.UtcNow + DevBrokerProcess.DefaultTimeout;
        while (received.Count < MessageCount)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Assert.True(
                DateTime.UtcNow < deadline,
                $"Consumed only {received.Count} of {MessageCount} messages within {DevBrokerProcess.DefaultTimeout.TotalSeconds} s.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                received.Add(result.Message.Value);
            }
        }

        consumer.Close();
        return received;
    }
}
