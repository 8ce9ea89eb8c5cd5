using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>
/// Kafka's health: a metadata request succeeds. One admin client per run, silent: librdkafka's own connection
/// errors while a broker is down would otherwise flood the console (the verdict says it once).
/// </summary>
/// <remarks>Only metadata is asked for: ListConsumerGroups crashes librdkafka's mock cluster (DESIGN.md).</remarks>
internal sealed class KafkaProbe(string bootstrapServers) : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(3);

    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers })
        .SetLogHandler((_, _) => { })
        .SetErrorHandler((_, _) => { })
        .Build());

    public Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        try
        {
            var metadata = _admin.Value.GetMetadata(s_timeout);
            return HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s), {metadata.Topics.Count} topic(s)");
        }
        catch (KafkaException e)
        {
            return HealthCheckResult.Unhealthy($"metadata request to {bootstrapServers} failed: {e.Error.Reason}");
        }
    }, cancellationToken);

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
