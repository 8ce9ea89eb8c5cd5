using Confluent.Kafka;
using RealtimeSales.Aggregator.Consuming;
using RealtimeSales.Contracts;
using RealtimeSales.ServiceDefaults;

namespace RealtimeSales.Throughput;

/// <summary>
/// The ceiling: a consumer with the aggregator's own client settings (<see cref="KafkaClientDefaults.Consumer"/>),
/// assigned every partition from its start, that only counts what it reads — in two ways. Confluent's <c>Consume</c>
/// loop, handed each key and value as a span as an <c>IDeserializer</c> is (the least that loop can do), is what a
/// .NET consumer usually costs; the aggregator's own batch path (<see cref="MessageBatch"/>: librdkafka's
/// <c>rd_kafka_consume_batch_queue</c>, messages read in place) is what the aggregator pays for reading, and costs
/// about half the CPU per message. The headline ratio is taken against the faster of the two.
/// </summary>
internal static class BareConsumer
{
    private static readonly TimeSpan s_consumeTimeout = TimeSpan.FromSeconds(30);

    // Unused without a group subscription; only to build the aggregator's consumer settings.
    private static readonly TimeSpan s_sessionTimeout = TimeSpan.FromSeconds(6);

    /// <summary>Drains the topic to <paramref name="end"/> with Confluent's <c>Consume</c>; events/s.</summary>
    public static double DrainWithConsume(string bootstrapServers, IReadOnlyDictionary<int, long> end)
    {
        using var consumer = new ConsumerBuilder<int, int>(Settings(bootstrapServers))
            .SetKeyDeserializer(SpanLength.Instance)
            .SetValueDeserializer(SpanLength.Instance)
            .Build();
        var drain = new DrainCounter("Consume loop", end);
        consumer.Assign(Beginnings(end));
        while (!drain.Done)
        {
            var result = consumer.Consume(s_consumeTimeout) ?? throw drain.Stalled(s_consumeTimeout);
            if (!result.IsPartitionEOF)
            {
                drain.Count(1);
            }
        }

        return drain.EventsPerSecond;
    }

    /// <summary>Drains the topic to <paramref name="end"/> a batch at a time, as the aggregator reads; events/s.</summary>
    public static double DrainInBatches(string bootstrapServers, IReadOnlyDictionary<int, long> end)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(Settings(bootstrapServers)).Build();
        var drain = new DrainCounter("batch path", end);
        consumer.Assign(Beginnings(end));
        using var batch = new MessageBatch(consumer);
        while (!drain.Done)
        {
            var count = batch.Poll(s_consumeTimeout);
            if (count == 0)
            {
                throw drain.Stalled(s_consumeTimeout);
            }

            // Only count: partition ends arrive in the batch as messages with an error code.
            var messages = 0;
            for (var i = 0; i < count; i++)
            {
                messages += batch[i].Error == ErrorCode.NoError ? 1 : 0;
            }

            drain.Count(messages);
        }

        return drain.EventsPerSecond;
    }

    private static ConsumerConfig Settings(string bootstrapServers) => KafkaClientDefaults.Consumer(bootstrapServers, "bench-ceiling", s_sessionTimeout);

    private static IEnumerable<TopicPartitionOffset> Beginnings(IReadOnlyDictionary<int, long> end) =>
        end.Keys.Select(partition => new TopicPartitionOffset(Topics.Sales, partition, Offset.Beginning));
}
