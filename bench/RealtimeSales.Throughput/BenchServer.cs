using Npgsql;
using RealtimeSales.Testing.Postgres;

namespace RealtimeSales.Throughput;

/// <summary>
/// The harness's PostgreSQL: a <see cref="LocalPostgres"/> server with <c>track_commit_timestamp</c> on, so that
/// <c>pg_xact_commit_timestamp(xmin)</c> tells when the transaction that wrote a row committed.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly LocalPostgres _server;
    private readonly List<BenchDatabase> _databases = [];

    private BenchServer(LocalPostgres server) => _server = server;

    /// <summary>The postmaster; its children are the backends.</summary>
    public int? ProcessId => _server.ProcessId;

    public static async Task<BenchServer> StartAsync(CancellationToken cancellationToken)
    {
        var server = await LocalPostgres.StartAsync(new LocalPostgresOptions(), cancellationToken);
        try
        {
            // A setting that needs a restart; LocalPostgres keeps its port and password across one.
            await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("ALTER SYSTEM SET track_commit_timestamp = on", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await server.StopAsync();
            await server.StartAgainAsync(cancellationToken);
            return new BenchServer(server);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An empty database; the aggregator applies its schema at start.</summary>
    public async Task<BenchDatabase> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await _server.CreateDatabaseAsync(name, cancellationToken);
        var database = new BenchDatabase(name, _server.ConnectionString(name));
        _databases.Add(database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        await _server.DisposeAsync();
    }
}
