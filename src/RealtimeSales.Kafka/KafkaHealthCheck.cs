using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RealtimeSales.Kafka;

/// <summary>
/// Kafka is healthy when a metadata request to its bootstrap servers succeeds. One silent admin client per address:
/// librdkafka's own connection errors while the broker is down would otherwise flood the log (the verdict says it once).
/// Used by the workers' <c>/health</c> and by the AppHost for its Kafka resources alike.
/// </summary>
/// <remarks>Only metadata is asked for: ListConsumerGroups crashes librdkafka's mock cluster (DESIGN.md).</remarks>
/// <param name="bootstrapServers">Where the cluster is now; <see langword="null"/> while that is not known yet.</param>
public sealed class KafkaHealthCheck(Func<CancellationToken, ValueTask<string?>> bootstrapServers) : IHealthCheck, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private (string BootstrapServers, IAdminClient Client)? _admin;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = await bootstrapServers(cancellationToken);
        if (string.IsNullOrEmpty(servers))
        {
            return HealthCheckResult.Unhealthy("Kafka's address is not known yet.");
        }

        var admin = Admin(servers);
        return await Task.Run(() =>
        {
            try
            {
                // Blocking: librdkafka has no asynchronous metadata request.
                var metadata = admin.GetMetadata(s_timeout);
                return HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s), {metadata.Topics.Count} topic(s) at {servers}");
            }
            catch (KafkaException e)
            {
                return HealthCheckResult.Unhealthy($"metadata request to {servers} failed: {e.Error.Reason}");
            }
        }, cancellationToken);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _admin?.Client.Dispose();
            _admin = null;
        }
    }

    private IAdminClient Admin(string servers)
    {
        lock (_gate)
        {
            if (_admin is { } current && current.BootstrapServers == servers)
            {
                return current.Client;
            }

            _admin?.Client.Dispose();
            var client = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers })
                .SetLogHandler((_, _) => { })
                .SetErrorHandler((_, _) => { })
                .Build();
            _admin = (servers, client);
            return client;
        }
    }
}
