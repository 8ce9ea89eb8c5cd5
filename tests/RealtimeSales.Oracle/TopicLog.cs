using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace RealtimeSales.Oracle;

/// <summary>
/// A whole topic as one broker holds it, partition by partition from offset 0 to the end it had when read: the
/// recount's view of the log, read with a plain consumer of its own.
/// </summary>
/// <param name="ClusterId">The cluster's id (empty when it does not say).</param>
/// <param name="Partitions">Every partition's messages in offset order.</param>
/// <param name="ReadAt">When reading finished: every message in the log was produced before it.</param>
public sealed record TopicLog(string ClusterId, IReadOnlyDictionary<int, IReadOnlyList<LoggedMessage>> Partitions, DateTimeOffset ReadAt)
{
    public long MessageCount => Partitions.Values.Sum(messages => (long)messages.Count);

    /// <summary>Reads <paramref name="topic"/> from every partition's offset 0 to its current end.</summary>
    /// <exception cref="InvalidOperationException">
    /// A partition no longer starts at 0 (retention truncated it), an offset is missing, or a message carries no
    /// CreateTime (the idle model bounds wall-clock gaps with it).
    /// </exception>
    public static TopicLog Read(string bootstrapServers, string topic, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "oracle-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var clusterId = admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = timeout }).GetAwaiter().GetResult().ClusterId ?? "";
        var partitions = admin.GetMetadata(topic, timeout).Topics.Single().Partitions.Select(p => p.PartitionId).Order();

        var log = new SortedDictionary<int, IReadOnlyList<LoggedMessage>>();
        foreach (var partition in partitions)
        {
            log[partition] = ReadPartition(consumer, clusterId, new TopicPartition(topic, partition), timeout);
        }

        return new TopicLog(clusterId, log, DateTimeOffset.UtcNow);
    }

    private static List<LoggedMessage> ReadPartition(IConsumer<byte[]?, byte[]?> consumer, string clusterId, TopicPartition topicPartition,
        TimeSpan timeout)
    {
        var partition = topicPartition.Partition.Value;
        var watermarks = consumer.QueryWatermarkOffsets(topicPartition, timeout);
        if (watermarks.Low.Value != 0)
        {
            throw new InvalidOperationException($"Partition {partition} starts at {watermarks.Low.Value}: data was truncated, the log cannot be recounted.");
        }

        List<LoggedMessage> messages = [];
        consumer.Assign(new TopicPartitionOffset(topicPartition, Offset.Beginning));
        while (messages.Count < watermarks.High.Value)
        {
            var result = consumer.Consume(timeout)
                ?? throw new TimeoutException($"Partition {partition}: no message at offset {messages.Count} within {timeout}.");
            if (result.Offset.Value != messages.Count)
            {
                throw new InvalidOperationException($"Partition {partition}: expected offset {messages.Count}, got {result.Offset.Value}.");
            }

            var timestamp = result.Message.Timestamp;
            if (timestamp.Type != TimestampType.CreateTime)
            {
                throw new InvalidOperationException(
                    $"Partition {partition} offset {result.Offset.Value}: timestamp type {timestamp.Type}, expected CreateTime (the idle model needs it).");
            }

            messages.Add(new LoggedMessage(new MessageId(clusterId, partition, result.Offset.Value), result.Message.Key, result.Message.Value,
                DateTimeOffset.FromUnixTimeMilliseconds(timestamp.UnixTimestampMs)));
        }

        consumer.Unassign();
        return messages;
    }
}
