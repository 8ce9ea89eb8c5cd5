using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>Healthy when a connection with the resource's connection string opens and answers <c>SELECT 1</c>.</summary>
/// <param name="resource">A server, a database, or an existing database given by connection string.</param>
/// <param name="database">The database to connect to when the connection string names none (a server's).</param>
internal sealed class PostgresHealthCheck(IResourceWithConnectionString resource, string? database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await resource.GetConnectionStringAsync(cancellationToken);
        if (string.IsNullOrEmpty(connectionString))
        {
            return HealthCheckResult.Unhealthy($"'{resource.Name}' has no connection string yet.");
        }

        var target = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // A probe every few seconds must not keep sessions open in the server.
            Pooling = false,
            Timeout = 3,
        };
        target.Database ??= database;
        try
        {
            await using var connection = new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"database {target.Database} at {target.Host}:{target.Port} answers");
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy($"database {target.Database} at {target.Host}:{target.Port}: {(e as PostgresException)?.MessageText ?? e.Message}");
        }
    }
}
