using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;
using RealtimeSales.Hosting.Postgres;

namespace RealtimeSales.Testing.Postgres;

/// <summary>
/// A PostgreSQL server process run from the machine's own installation, listening on 127.0.0.1 only, for tests
/// and the throughput harness that need a server without an AppHost (the AppHost's own is the Aspire resource in
/// RealtimeSales.Hosting; both prepare data directories the same way). Disposing it stops the server and,
/// unless the data directory was given, deletes the data.
/// </summary>
/// <remarks>
/// The server is tied to this process: started through <c>setpriv --pdeathsig=INT</c> from a thread that lives
/// as long as the server, it gets a fast shutdown from the kernel when this process dies, even by SIGKILL.
/// </remarks>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string Host = "127.0.0.1";
    private const int MaxPortAttempts = 3;
    private const int LogCapacity = 200;

    private readonly PostgresBinaries _binaries;
    private readonly ServerAccount _account;
    private readonly PostgresCredentials _credentials;
    private readonly TimeSpan _startTimeout;
    private readonly LogTail _log;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private Postmaster? _postmaster;
    private bool _disposed;

    private LocalPostgres(
        string dataDirectory, bool isPersistent, int port, PostgresBinaries binaries, ServerAccount account,
        PostgresCredentials credentials, TimeSpan startTimeout)
    {
        _log = new LogTail(LogCapacity);
        DataDirectory = dataDirectory;
        IsPersistent = isPersistent;
        Port = port;
        _binaries = binaries;
        _account = account;
        _credentials = credentials;
        _startTimeout = startTimeout;
    }

    /// <summary>The TCP port the server listens on at 127.0.0.1; it stays the same across <see cref="StartAgainAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>The superuser's name.</summary>
    public string UserName => _credentials.UserName;

    /// <summary>The superuser's password: generated for a new data directory and kept with it.</summary>
    public string Password => _credentials.Password;

    /// <summary>The PostgreSQL data directory (absolute).</summary>
    public string DataDirectory { get; }

    /// <summary>Whether the data directory was given, and so survives <see cref="DisposeAsync"/>.</summary>
    public bool IsPersistent { get; }

    /// <summary>The postmaster's process id while the server runs; <see langword="null"/> once stopped.</summary>
    public int? ProcessId => _postmaster is { HasExited: false } postmaster ? postmaster.Id : null;

    /// <summary>The server's last log lines (about 200), across restarts.</summary>
    public IReadOnlyList<string> RecentLog => _log.Snapshot();

    /// <summary>
    /// Initialises the data directory if needed and starts the server, returning once it accepts connections.
    /// </summary>
    /// <exception cref="InvalidOperationException">No PostgreSQL installation was found, or the server failed to start; the message says why and shows its log.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    /// <exception cref="TimeoutException">The server did not accept connections within <see cref="LocalPostgresOptions.StartTimeout"/>.</exception>
    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException(
                "LocalPostgres needs Linux (it ties the server to this process with setpriv --pdeathsig). " +
                "Use an existing server by setting 'ConnectionStrings:salesdb'.");
        }

        var binaries = PostgresBinaries.Locate(options.BinDirectory);
        var account = ServerAccount.ForCurrentProcess();
        var isPersistent = options.DataDirectory is not null;
        var dataDirectory = isPersistent
            ? Path.GetFullPath(options.DataDirectory!)
            : Directory.CreateTempSubdirectory("realtimesales-pg-").FullName;
        try
        {
            var credentials = PostgresCredentials.TryLoad(dataDirectory) ?? PostgresCredentials.Generate();
            await PostgresDataDirectory.PrepareAsync(dataDirectory, binaries, account, credentials, cancellationToken);
            var server = new LocalPostgres(
                dataDirectory, isPersistent, options.Port, binaries, account, credentials, options.StartTimeout);
            await server.LaunchAsync(portMayChange: options.Port == 0, cancellationToken);
            return server;
        }
        catch when (!isPersistent)
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = UserName,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>A <c>postgresql://user:password@127.0.0.1:port/database</c> URI for tools such as psql.</summary>
    public string ConnectionUri(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"postgresql://{UserName}:{Password}@{Host}:{Port}/{Uri.EscapeDataString(database)}");

    /// <summary>Creates database <paramref name="name"/> unless it exists.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.UTF8.GetByteCount(name) > 63)
        {
            // PostgreSQL would silently truncate the name, and connections to the full name would then fail.
            throw new ArgumentException($"Database name '{name}' is longer than PostgreSQL's 63 bytes.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(AdministrationConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Someone created it between our check and our CREATE: exactly what was asked for.
        }
    }

    /// <summary>
    /// Stops the server with a fast shutdown (open transactions roll back, committed data is checkpointed),
    /// escalating to an immediate shutdown and SIGKILL if it does not exit in time. Does nothing when stopped.
    /// </summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            await StopPostmasterAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts a stopped server again on the same port and data directory. Does nothing when it runs.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (ProcessId is null)
            {
                await LaunchAsync(portMayChange: false, cancellationToken);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the server and, unless the data directory is persistent, deletes it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await StopPostmasterAsync();
            if (!IsPersistent)
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task LaunchAsync(bool portMayChange, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (Port == 0)
            {
                Port = FreePorts.Loopback();
            }

            var postmaster = await Postmaster.StartAsync(_account.Command(_binaries.Postgres, ServerArguments(), "INT"), _log);
            try
            {
                await ServerReadiness.WaitAsync(postmaster, AdministrationConnectionString(), Port, _startTimeout, _log, cancellationToken);
                _postmaster = postmaster;
                return;
            }
            catch (InvalidOperationException) when (portMayChange && postmaster.PortInUse && attempt < MaxPortAttempts)
            {
                // Another process took the free port between our probe and the server's bind: pick again.
                Port = 0;
            }
            catch
            {
                await postmaster.StopAsync();
                throw;
            }
        }
    }

    private async Task StopPostmasterAsync()
    {
        if (_postmaster is { } postmaster)
        {
            await postmaster.StopAsync();
            _postmaster = null;
        }
    }

    private string[] ServerArguments() =>
    [
        "-D", DataDirectory,
        "-c", "listen_addresses=" + Host,
        "-c", "port=" + Port.ToString(CultureInfo.InvariantCulture),
        // TCP only: a Unix socket path has a 107-byte limit and the default directory is not writable by every user.
        "-c", "unix_socket_directories=",
        "-c", "max_connections=200",
        "-c", "shared_buffers=128MB",
    ];

    /// <summary>Connections for our own housekeeping: unpooled, so none lingers in the <c>postgres</c> database.</summary>
    private string AdministrationConnectionString() =>
        new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString;
}
