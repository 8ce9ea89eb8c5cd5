using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RealtimeSales.Aggregator;

/// <summary>Ready once the group has assigned this member its partitions (possibly none) and PostgreSQL answers.</summary>
internal sealed class AggregatorHealth : IHealthCheck
{
    private volatile bool _assigned;
    private volatile bool _databaseReachable;

    public void Assigned() => _assigned = true;

    public void DatabaseReachable(bool reachable) => _databaseReachable = reachable;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((_assigned, _databaseReachable) switch
        {
            (true, true) => HealthCheckResult.Healthy("Partitions assigned; PostgreSQL reachable."),
            (false, _) => HealthCheckResult.Unhealthy("Waiting for the consumer group to assign partitions."),
            _ => HealthCheckResult.Unhealthy("PostgreSQL is unreachable; retrying."),
        });
}
