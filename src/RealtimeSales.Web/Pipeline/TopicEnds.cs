using Confluent.Kafka;
using RealtimeSales.Kafka;
using RealtimeSales.ServiceDefaults;

namespace RealtimeSales.Web.Pipeline;

/// <summary>
/// The end of each partition of the topic at the broker (its high watermark), read with a consumer that never joins
/// a group or commits: what is produced, whoever reads it.
/// </summary>
internal sealed class TopicEnds(KafkaClientFactory kafka, string topic) : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(2);

    private readonly Lazy<IAdminClient> _admin = new(() => kafka.CreateAdminClient());
    private readonly Lazy<IConsumer<Ignore, Ignore>> _consumer = new(() => kafka.CreateConsumer<Ignore, Ignore>(servers => new ConsumerConfig
    {
        BootstrapServers = servers,
        // Required by librdkafka for any consumer; this one never subscribes, so the group is never formed.
        GroupId = "realtimesales-web",
        FetchWaitMaxMs = KafkaClientDefaults.FetchWaitMaxMs,
    }, builder => builder.SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { })));

    /// <summary>Per partition the offset after its last message.</summary>
    /// <exception cref="KafkaException">The broker did not answer in time.</exception>
    public IReadOnlyDictionary<int, long> Read()
    {
        var metadata = _admin.Value.GetMetadata(topic, s_timeout);
        var partitions = metadata.Topics.SingleOrDefault(candidate => candidate.Topic == topic)?.Partitions ?? [];
        return partitions.ToDictionary(
            partition => partition.PartitionId,
            partition => _consumer.Value.QueryWatermarkOffsets(new TopicPartition(topic, partition.PartitionId), s_timeout).High.Value);
    }

    public void Dispose()
    {
        if (_consumer.IsValueCreated)
        {
            _consumer.Value.Dispose();
        }

        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
