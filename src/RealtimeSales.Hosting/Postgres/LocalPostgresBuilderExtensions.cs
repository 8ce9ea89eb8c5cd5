using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>PostgreSQL from the machine's installation, as Aspire resources: a server and its databases.</summary>
public static class LocalPostgresBuilderExtensions
{
    private const string ServerDatabase = "postgres";

    /// <summary>
    /// Adds a PostgreSQL server run from <c>/usr/lib/postgresql/*/bin</c> (or <c>PG_BIN</c>) on a port Aspire allocates.
    /// Before each start the data directory is prepared (initdb on first use); the superuser's password is the secret
    /// parameter <c>NAME-password</c>, generated unless configured, and kept with a persistent data directory.
    /// Healthy once it answers a query; missing programs fail the start with the package to install.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name, also the connection string name of the server.</param>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        LocalPostgresServerResource? server = null;
        // Read when the value is first needed, at start: by then WithDataDirectory has had its say.
        var password = builder.AddParameter($"{name}-password", new StoredPasswordDefault(() => server?.DataDirectory), secret: true);
        server = new LocalPostgresServerResource(name, password.Resource);
        builder.Services.AddSingleton(services => RunDataDirectory.Create(
            services.GetRequiredService<IHostApplicationLifetime>(), services.GetRequiredService<ILoggerFactory>().CreateLogger<RunDataDirectory>()));

        return builder.AddResource(server)
            .WithEndpoint(LocalPostgresServerResource.PrimaryEndpointName, endpoint => endpoint.TargetHost = "127.0.0.1")
            .OnBeforeResourceStarted((resource, started, cancellationToken) => PrepareAsync(resource, started, cancellationToken))
            .WithArgs(context =>
            {
                var launch = server.Launch ?? throw new InvalidOperationException($"'{server.Name}' was not prepared before its start.");
                var (_, arguments) = launch.Account.ExecutableCommandLine(launch.Binaries.Postgres, []);
                foreach (var argument in arguments)
                {
                    context.Args.Add(argument);
                }

                context.Args.Add("-D");
                context.Args.Add(launch.DataDirectory);
                context.Args.Add("-c");
                context.Args.Add("listen_addresses=127.0.0.1");
                context.Args.Add("-c");
                context.Args.Add(ReferenceExpression.Create($"port={server.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
                // TCP only: a Unix socket path has a 107-byte limit and the default directory is not writable by every user.
                context.Args.Add("-c");
                context.Args.Add("unix_socket_directories=");
                context.Args.Add("-c");
                context.Args.Add("max_connections=200");
            })
            .WithIconName("DatabaseMultiple")
            .StopsAfterDependents()
            .WithPostgresHealthCheck(ServerDatabase);
    }

    /// <summary>
    /// Keeps the data (and with it the generated password) in <paramref name="dataDirectory"/> across runs;
    /// <see langword="null"/> keeps the default, a fresh directory per run.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> WithDataDirectory(this IResourceBuilder<LocalPostgresServerResource> builder, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.DataDirectory = string.IsNullOrWhiteSpace(dataDirectory) ? null : Path.GetFullPath(dataDirectory);
        return builder;
    }

    /// <summary>
    /// Adds a database, created once the server is healthy.
    /// Its state is published here: DCP does not know it. Logs <c>NAME: postgresql://…</c> on the AppHost's console once ready.
    /// </summary>
    /// <param name="builder">The server.</param>
    /// <param name="name">The resource name, also the connection string name.</param>
    /// <param name="databaseName">The name in PostgreSQL; <paramref name="name"/> when not given.</param>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> builder, [ResourceName] string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(database.Name, database.DatabaseName);
        return builder.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.NotStarted,
                Properties = [new(CustomResourceKnownProperties.Source, builder.Resource.Name)],
            })
            .OnInitializeResource(StartAsync)
            .WithIconName("Database")
            .WithPostgresHealthCheck()
            .WithReadyLine(database.UriExpression);
    }

    /// <summary>
    /// Healthy once a connection opens and answers a query: a server (<paramref name="database"/> names the one to
    /// connect to), a database, or an existing one given as <c>builder.AddConnectionString("salesdb")</c>.
    /// </summary>
    public static IResourceBuilder<T> WithPostgresHealthCheck<T>(this IResourceBuilder<T> builder, string? database = null)
        where T : IResourceWithConnectionString
    {
        ArgumentNullException.ThrowIfNull(builder);
        var key = $"{builder.Resource.Name}_check";
        var check = new PostgresHealthCheck(builder.Resource, database);
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => check, failureStatus: default, tags: default));
        return builder.WithHealthCheck(key);
    }

    private static async Task PrepareAsync(LocalPostgresServerResource server, BeforeResourceStartedEvent started, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException(
                "The local PostgreSQL runs on Linux only (it uses util-linux's setpriv). Give ConnectionStrings:salesdb to use an existing server.");
        }

        var logger = started.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        var binaries = PostgresBinaries.Locate(null);
        var account = ServerAccount.ForCurrentProcess();
        var dataDirectory = server.DataDirectory ?? started.Services.GetRequiredService<RunDataDirectory>().Path;
        var password = await server.PasswordParameter.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The parameter '{server.PasswordParameter.Name}' has no value.");
        if (await PostgresDataDirectory.PrepareAsync(dataDirectory, binaries, account, new PostgresCredentials(server.UserName, password), cancellationToken))
        {
            Log.ClusterCreated(logger, dataDirectory);
        }

        Log.DataDirectory(logger, dataDirectory, server.DataDirectory is null ? "deleted when the application stops" : "kept across runs");
        server.Launch = new ServerLaunch(binaries, account, dataDirectory);
    }

    private static async Task StartAsync(LocalPostgresDatabaseResource database, InitializeResourceEvent initialize, CancellationToken cancellationToken)
    {
        try
        {
            // Aspire refuses WaitFor from a child on its parent, so the database waits here, in the open: Waiting, then
            // Starting once the server is healthy, FailedToStart (with the server's reason in the log) if it never is.
            await initialize.Notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.Waiting });
            await initialize.Notifications.WaitForResourceHealthyAsync(database.Parent.Name, WaitBehavior.StopOnResourceUnavailable, cancellationToken);
            await initialize.Eventing.PublishAsync(new BeforeResourceStartedEvent(database, initialize.Services), cancellationToken);
            await initialize.Notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.Starting });
            await CreateDatabaseAsync(database, initialize.Logger, cancellationToken);
            await initialize.Notifications.PublishUpdateAsync(database, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
            await initialize.Eventing.PublishAsync(new ConnectionStringAvailableEvent(database, initialize.Services), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.CouldNotStart(initialize.Logger, e.Message);
            await initialize.Notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.FailedToStart });
        }
    }

    private static async Task CreateDatabaseAsync(LocalPostgresDatabaseResource database, ILogger logger, CancellationToken cancellationToken)
    {
        var server = await database.Parent.ConnectionStringExpression.GetValueAsync(cancellationToken);
        var administration = new NpgsqlConnectionStringBuilder(server) { Database = ServerDatabase, Pooling = false };
        await using var connection = new NpgsqlConnection(administration.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database.DatabaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        // CREATE DATABASE takes no parameters: the name is quoted as an identifier instead.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        Log.DatabaseCreated(logger, database.DatabaseName);
    }
}
