using Confluent.Kafka;

namespace RealtimeSales.Testing;

/// <summary>Reads a whole topic, partition by partition, from offset 0 to the end it has now: an independent view of the log.</summary>
public static class TopicReader
{
    public static IReadOnlyDictionary<int, IReadOnlyList<TopicMessage>> ReadAll(string bootstrapServers, string topic, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, timeout).Topics.Single().Partitions.Select(p => p.PartitionId).Order();

        var log = new Dictionary<int, IReadOnlyList<TopicMessage>>();
        foreach (var partition in partitions)
        {
            var topicPartition = new TopicPartition(topic, partition);
            var watermarks = consumer.QueryWatermarkOffsets(topicPartition, timeout);
            if (watermarks.Low.Value != 0)
            {
                throw new InvalidOperationException($"Partition {partition} starts at {watermarks.Low.Value}: data was truncated.");
            }

            List<TopicMessage> messages = [];
            consumer.Assign(new TopicPartitionOffset(topicPartition, Offset.Beginning));
            while (messages.Count < watermarks.High.Value)
            {
                var result = consumer.Consume(timeout)
                    ?? throw new TimeoutException($"Partition {partition}: no message at offset {messages.Count} within {timeout}.");
                if (result.Offset.Value != messages.Count)
                {
                    throw new InvalidOperationException($"Partition {partition}: expected offset {messages.Count}, got {result.Offset.Value}.");
                }

                messages.Add(new TopicMessage(partition, result.Offset.Value, result.Message.Key, result.Message.Value));
            }

            log[partition] = messages;
        }

        return log;
    }
}
