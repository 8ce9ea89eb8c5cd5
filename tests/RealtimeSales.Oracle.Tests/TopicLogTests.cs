using Confluent.Kafka;
using RealtimeSales.Testing;

namespace RealtimeSales.Oracle.Tests;

/// <summary>The idle model rests on the DevBroker handing back each message's CreateTime as the producer stamped it.</summary>
public sealed class TopicLogTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheDevBrokerReturnsTheCreateTimeEachMessageWasProducedWith()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 1, cancellationToken);
        var stamped = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123);
        DateTimeOffset before, after;
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 5 }).Build())
        {
            before = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await producer.ProduceAsync("sales", new Message<byte[], byte[]> { Key = "k"u8.ToArray(), Value = "first"u8.ToArray() }, cancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken); // a gap the CreateTimes must show
            await producer.ProduceAsync("sales", new Message<byte[], byte[]> { Key = "k"u8.ToArray(), Value = "second"u8.ToArray() }, cancellationToken);
            after = DateTimeOffset.UtcNow;
            await producer.ProduceAsync("sales",
                new Message<byte[], byte[]> { Key = "k"u8.ToArray(), Value = "stamped"u8.ToArray(), Timestamp = new Timestamp(stamped) }, cancellationToken);
        }

        var log = TopicLog.Read(broker.BootstrapServers, "sales", s_timeout);

        var messages = Assert.Single(log.Partitions.Values);
        Assert.Equal(3, messages.Count);
        Assert.InRange(messages[0].CreateTime, before, after);
        Assert.InRange(messages[1].CreateTime, messages[0].CreateTime + TimeSpan.FromMilliseconds(300), after);
        Assert.Equal(stamped, messages[2].CreateTime);
        Assert.NotEmpty(log.ClusterId);
        Assert.All(messages, message => Assert.Equal(log.ClusterId, message.Id.ClusterId));
    }
}
