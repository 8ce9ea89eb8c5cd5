using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace RealtimeSales.Aggregator;

/// <summary>
/// Asks the cluster for its id. A DevBroker restart comes back empty under a new id, and offsets in our
/// checkpoints would then name other messages (DESIGN.md, "Environment facts").
/// </summary>
internal sealed class ClusterIdentity(string bootstrapServers, ILogger logger) : IDisposable
{
    private const int MaxAttempts = 5;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly IAdminClient _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers })
        // Without a handler librdkafka writes every failed connection attempt to stderr.
        .SetLogHandler((_, message) => Log.Librdkafka(logger, message.Facility, message.Message))
        .SetErrorHandler((_, error) => Log.Librdkafka(logger, "ERROR", error.Reason))
        .Build();

    /// <summary>The current cluster id, or null when the cluster does not say (an older broker).</summary>
    /// <exception cref="KafkaException">The cluster could not be asked, after a few tries.</exception>
    public string? Current()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The consumer thread is not a thread-pool thread and has no synchronisation context: blocking is safe.
                var description = _admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = s_timeout })
                    .GetAwaiter().GetResult();
                return string.IsNullOrEmpty(description.ClusterId) ? null : description.ClusterId;
            }
            catch (KafkaException e) when (attempt < MaxAttempts && !e.Error.IsFatal)
            {
                // The broker that just assigned us partitions is reachable; a failure here is passing.
                Log.KafkaError(logger, $"asking for the cluster id failed (attempt {attempt}): {e.Error.Reason}");
            }
        }
    }

    public void Dispose() => _admin.Dispose();
}
