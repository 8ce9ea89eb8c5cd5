using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RealtimeSales.Web.Sql;

/// <summary>
/// The web app's own way into <c>salesdb</c>: a login role that can only read, created with the owner's connection
/// string (<c>ConnectionStrings:salesdb</c>, from the AppHost) the first time a page needs data. The SQL console and the Sales page both read through it, so
/// nothing typed into the browser runs with the owner's rights.
/// </summary>
/// <remarks>
/// Three layers refuse writes: the role holds SELECT and nothing else, its sessions start read-only
/// (<c>default_transaction_read_only</c>), and every console statement runs in a READ ONLY transaction that is
/// rolled back. The first is the one a user cannot switch off with a <c>SET</c>.
/// </remarks>
/// <param name="ownerConnectionString">The database owner's connection string now, or a <see cref="DatabaseUnavailableException"/> saying why there is none.</param>
/// <param name="options">The statement timeout the role's sessions get.</param>
/// <param name="logger">Says when the role is ready.</param>
internal sealed class ReadOnlyDatabase(Func<string> ownerConnectionString, IOptions<WebOptions> options, ILogger<ReadOnlyDatabase> logger)
    : IAsyncDisposable
{
    /// <summary>The resource holding the sales tables: DESIGN.md's <c>ConnectionStrings:salesdb</c>.</summary>
    public const string DatabaseResource = "salesdb";

    public const string RoleName = "web_reader";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _ownerConnectionString;
    private NpgsqlDataSource? _reader;

    /// <summary>A data source that logs in as <see cref="RoleName"/>, creating or refreshing the role when the database changed.</summary>
    /// <exception cref="DatabaseUnavailableException">The database is not running, or the role cannot be created.</exception>
    public async Task<NpgsqlDataSource> GetAsync(CancellationToken cancellationToken)
    {
        var owner = ownerConnectionString();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_reader is not null && owner == _ownerConnectionString)
            {
                return _reader;
            }

            var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var database = new NpgsqlConnectionStringBuilder(owner).Database ?? DatabaseResource;
            await CreateRoleAsync(owner, database, password, cancellationToken);
            Log.ReaderReady(logger, RoleName, database);

            if (_reader is not null)
            {
                await _reader.DisposeAsync();
            }

            _reader = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(owner)
            {
                Username = RoleName,
                Password = password,
                ApplicationName = "realtime-sales-web",
                // A page waiting on a stopped server should say so within seconds, not hang.
                Timeout = 5,
            }.ConnectionString);
            _ownerConnectionString = owner;
            return _reader;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync();
        }

        _gate.Dispose();
    }

    /// <summary>The owner's connection string, <c>ConnectionStrings:salesdb</c>.</summary>
    /// <exception cref="DatabaseUnavailableException">It is not configured.</exception>
    public static string OwnerConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(DatabaseResource) is { Length: > 0 } connectionString
            ? connectionString
            : throw new DatabaseUnavailableException(
                $"ConnectionStrings:{DatabaseResource} is not set, so there are no sales to show. Start the web app from the AppHost, " +
                $"or give it the connection string (environment ConnectionStrings__{DatabaseResource}).");

    private async Task CreateRoleAsync(string owner, string database, string password, CancellationToken cancellationToken)
    {
        // Role names, passwords and settings are not parameters in PostgreSQL's utility statements. The password is
        // hex and the database name is quoted as an identifier, so nothing here can break out of its quotes.
        var timeoutMs = ((long)options.Value.SqlStatementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var sql = $"""
            DO $$
            BEGIN
                CREATE ROLE {RoleName} LOGIN;
            EXCEPTION WHEN duplicate_object THEN
                NULL;
            END $$;
            ALTER ROLE {RoleName} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '{password}';
            ALTER ROLE {RoleName} SET default_transaction_read_only = on;
            ALTER ROLE {RoleName} SET statement_timeout = {timeoutMs};
            GRANT CONNECT ON DATABASE {QuoteIdentifier(database)} TO {RoleName};
            GRANT USAGE ON SCHEMA public TO {RoleName};
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO {RoleName};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {RoleName};
            """;
        try
        {
            await using var connection = new NpgsqlConnection(owner);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new DatabaseUnavailableException(
                $"Could not prepare the read-only role {RoleName} on {database}: {(e as PostgresException)?.MessageText ?? e.Message}. " +
                "The web app reads through that role; the connection string's user needs CREATEROLE.", e);
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
