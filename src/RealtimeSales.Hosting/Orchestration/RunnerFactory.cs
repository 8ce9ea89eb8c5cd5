using System.Globalization;
using Microsoft.Extensions.Configuration;
using Npgsql;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>
/// Decides how each resource runs: an external resource when the AppHost's configuration has its connection
/// string (<c>ConnectionStrings:&lt;name&gt;</c>), otherwise a process the AppHost starts.
/// </summary>
internal sealed class RunnerFactory(AppHostInfo appHost, IConfiguration configuration, string environmentName)
{
    /// <summary>Host ports become free ports (a test's setting: parallel runs, no clash with a developer's AppHost).</summary>
    public const string RandomizePortsKey = "Hosting:RandomizePorts";

    private readonly bool _randomizePorts = configuration.GetValue(RandomizePortsKey, false);
    private readonly Dictionary<PostgresServerResource, PostgresServerRunner> _servers = [];

    public string? ExternalConnectionString(IResource resource) =>
        configuration.GetConnectionString(resource.Name) is { Length: > 0 } connectionString ? connectionString : null;

    /// <summary>Whether the resource runs on a server the AppHost starts (so it waits for that server).</summary>
    public bool StartsOwnServer(Resource resource) => resource is PostgresDatabaseResource database
        && ExternalConnectionString(database) is null;

    public ResourceRunner Create(Resource resource, string unitName, ResourceLog log) => resource switch
    {
        KafkaResource kafka => ExternalConnectionString(kafka) is { } bootstrap
            ? ExternalKafka(kafka, bootstrap, log)
            : new DevBrokerRunner(kafka, appHost, _randomizePorts ? 0 : kafka.Port, environmentName, log),
        PostgresServerResource server => server.Databases.Count > 0 && server.Databases.All(database => ExternalConnectionString(database) is not null)
            ? ExternalServer(server, ExternalConnectionString(server.Databases[0])!, log)
            : _servers[server] = new PostgresServerRunner(server, _randomizePorts ? 0 : server.Port, log),
        PostgresDatabaseResource database => ExternalConnectionString(database) is { } connectionString
            ? ExternalDatabase(database, connectionString, log)
            : new PostgresDatabaseRunner(database, _servers.GetValueOrDefault(database.Server) ?? throw MissingServer(database), log),
        ProjectResource project => new ProjectRunner(project, appHost, log, (port, connectionStrings) =>
            ProjectEnvironment.Build(project, unitName, port, configuration, environmentName, connectionStrings)),
        _ => throw new DistributedApplicationException($"{resource} is of a type this engine cannot run."),
    };

    private static ExternalRunner ExternalKafka(KafkaResource kafka, string bootstrap, ResourceLog log)
    {
        var probe = new KafkaProbe(bootstrap);
        return new ExternalRunner($"the external Kafka at {bootstrap} (ConnectionStrings:{kafka.Name})", bootstrap,
            [new ResourceEndpoint("tcp", bootstrap)], probe.CheckAsync, log, probe);
    }

    private static ExternalRunner ExternalServer(PostgresServerResource server, string databaseConnectionString, ResourceLog log)
    {
        var address = Address(databaseConnectionString);
        return new ExternalRunner($"the external PostgreSQL server at {address} (every database of '{server.Name}' is given by a connection string)",
            null, [new ResourceEndpoint("tcp", address)], cancellationToken => PostgresProbe.CheckAsync(databaseConnectionString, cancellationToken), log);
    }

    private static ExternalRunner ExternalDatabase(PostgresDatabaseResource database, string connectionString, ResourceLog log)
    {
        var uri = Uri(connectionString);
        return new ExternalRunner($"the external database {Address(connectionString)}/{new NpgsqlConnectionStringBuilder(connectionString).Database} (ConnectionStrings:{database.Name})",
            connectionString, [new ResourceEndpoint("postgresql", uri)],
            cancellationToken => PostgresProbe.CheckAsync(connectionString, cancellationToken), log);
    }

    private static string Address(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}");
    }

    /// <summary>The <c>postgresql://</c> form psql takes, with the credentials the connection string holds.</summary>
    private static string Uri(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var credentials = builder.Username is null ? "" : System.Uri.EscapeDataString(builder.Username)
            + (builder.Password is null ? "" : ":" + System.Uri.EscapeDataString(builder.Password)) + "@";
        return $"postgresql://{credentials}{Address(connectionString)}/{System.Uri.EscapeDataString(builder.Database ?? "")}";
    }

    // Resources are created in declaration order, and AddDatabase needs its server's builder: only a hand-made model gets here.
    private static DistributedApplicationException MissingServer(PostgresDatabaseResource database) =>
        new($"{database.Server}, which {database} lives on, is not part of the application.");
}
