using Npgsql;
using RealtimeSales.Data;
using RealtimeSales.Hosting.Postgres;
using Xunit;

namespace RealtimeSales.Testing;

/// <summary>
/// One real PostgreSQL server (<see cref="LocalPostgres"/>, a temporary data directory) shared by a test
/// collection; every test asks for a database of its own, so tests never see each other's rows.
/// </summary>
/// <remarks>
/// A test project shares it by declaring its own <c>[CollectionDefinition]</c> with
/// <c>ICollectionFixture&lt;PostgresFixture&gt;</c>: xUnit only honours collection definitions in the test assembly itself.
/// </remarks>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgres? _server;

    /// <summary>The running server.</summary>
    public LocalPostgres Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not been initialised.");

    /// <summary>How long the server took to initialise its data directory and accept connections.</summary>
    public TimeSpan StartTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        _server = await LocalPostgres.StartAsync(new LocalPostgresOptions(), TestContext.Current.CancellationToken);
        StartTime = TimeProvider.System.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        // An earlier test may have restarted or crashed the server, or terminated its sessions: pooled connections
        // of this process would then fail on first use.
        NpgsqlConnection.ClearAllPools();
        var name = "test_" + Guid.NewGuid().ToString("N");
        await Server.CreateDatabaseAsync(name, cancellationToken);
        return Server.ConnectionString(name);
    }

    /// <summary>Creates a database with a unique name, applies the sales schema and returns its connection string.</summary>
    public async Task<string> CreateSalesDatabaseAsync(CancellationToken cancellationToken)
    {
        var connectionString = await CreateDatabaseAsync(cancellationToken);
        await SalesDatabase.MigrateAsync(connectionString, cancellationToken);
        return connectionString;
    }
}
