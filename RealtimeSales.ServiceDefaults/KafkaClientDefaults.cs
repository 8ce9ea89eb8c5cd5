using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace RealtimeSales.ServiceDefaults;

/// <summary>
/// The Kafka client settings every worker shares. The numbers come from measuring the
/// development broker (DESIGN.md, "Environment facts"); they are also sound on a real cluster.
/// </summary>
public static class KafkaClientDefaults
{
    /// <summary>Name of the connection string holding the bootstrap servers.</summary>
    public const string ConnectionName = "kafka";

    /// <summary>Used when <c>ConnectionStrings:kafka</c> is not set: the DevBroker's default address.</summary>
    public const string DefaultBootstrapServers = "127.0.0.1:9092";

    /// <summary>
    /// The mock broker answers an empty fetch only after <c>fetch.wait.max.ms</c> and is not woken by
    /// new data, so a long wait lets a consumer fall behind the 5 MiB partition retention.
    /// 25 ms keeps close-to-visible latency low at a few dozen requests per second when idle.
    /// </summary>
    public const int FetchWaitMaxMs = 25;

    /// <summary>Batches stay large: a backlog of tiny batches drains at only ~5k msg/s on the mock broker.</summary>
    public const double LingerMs = 5;

    /// <summary>Bootstrap servers from <c>ConnectionStrings:kafka</c>, or the DevBroker default.</summary>
    public static string BootstrapServers(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionName) is { Length: > 0 } servers ? servers : DefaultBootstrapServers;

    /// <summary>
    /// Idempotent producer settings: nothing acknowledged is lost, nothing duplicated by retries. Keys are placed
    /// as Java clients place them (murmur2; librdkafka's default is CRC32), so that a store stays on one partition
    /// when other writers share the topic.
    /// </summary>
    public static ProducerConfig Producer(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = LingerMs,
        CompressionType = CompressionType.None,
        Partitioner = Partitioner.Murmur2Random,
        // The broker may be down for a while (restarts in development): keep retrying rather than fail deliveries.
        MessageTimeoutMs = 0,
        // A delivery report only has to say whether the message landed; copying its key and value back into
        // .NET for every message cost a third of the delivery thread.
        DeliveryReportFields = "none",
        // The producing thread serves the delivery reports itself (Poll between messages, Flush at the end), so that
        // librdkafka frees each message on the thread that allocated it: no malloc-arena contention between two
        // threads, and no thread to wake per batch of reports.
        EnableBackgroundPoll = false,
    };

    /// <summary>
    /// Consumer settings: offsets come from our own checkpoints, and a missing offset is an error we handle
    /// explicitly, never a silent reset. Offsets are stored only once their checkpoint has committed, and
    /// committed to Kafka in the background, for lag monitoring alone. A rebalance after a member
    /// crashed takes about <paramref name="sessionTimeout"/>; heartbeats go at a sixth of it.
    /// </summary>
    public static ConsumerConfig Consumer(string bootstrapServers, string groupId, TimeSpan sessionTimeout) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = groupId,
        FetchWaitMaxMs = FetchWaitMaxMs,
        EnableAutoCommit = true,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Error,
        EnablePartitionEof = true,
        // Partition, offset, key and value are all the aggregator reads. Without this, every message also
        // decodes the topic name into a new string and copies its timestamp and headers.
        ConsumeResultFields = "none",
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        SessionTimeoutMs = (int)sessionTimeout.TotalMilliseconds,
        HeartbeatIntervalMs = (int)Math.Max(100, sessionTimeout.TotalMilliseconds / 6),
    };
}
