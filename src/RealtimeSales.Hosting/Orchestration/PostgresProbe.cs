using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>PostgreSQL's health: a connection opens and answers a query.</summary>
internal static class PostgresProbe
{
    public static async Task<HealthCheckResult> CheckAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Unpooled: a probe every few seconds must not keep idle connections open on the server.
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(probe);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{connection.Host}:{connection.Port} answers");
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
