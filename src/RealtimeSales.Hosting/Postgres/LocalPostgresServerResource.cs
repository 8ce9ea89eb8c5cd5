using Aspire.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>
/// A PostgreSQL server from the machine's installation (<c>/usr/lib/postgresql/*/bin/postgres</c>) run by DCP as an
/// executable through <c>setpriv</c>: as the <c>postgres</c> system user when the AppHost runs as root, and with a
/// parent-death signal either way. Listens on 127.0.0.1 only; the superuser is <c>postgres</c>.
/// </summary>
/// <param name="name">The resource name, also the connection string name of the server.</param>
/// <param name="password">The superuser's password: a secret parameter, kept with a persistent data directory.</param>
public sealed class LocalPostgresServerResource(string name, ParameterResource password)
    : ExecutableResource(name, "setpriv", "/"), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    public string UserName => PostgresCredentials.DefaultUserName;

    public ParameterResource PasswordParameter { get; } = password ?? throw new ArgumentNullException(nameof(password));

    /// <summary>
    /// The data directory given to the AppHost; <see langword="null"/> means a fresh one per AppHost run, under the
    /// temporary directory, deleted when the AppHost stops (or at the next start, if it was killed).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Databases by resource name, created when the server is healthy.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    /// <summary>The installation and data directory of the current run, set just before DCP starts the server.</summary>
    internal ServerLaunch? Launch { get; set; }

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host={Host};Port={Port};Username={UserName};Password={PasswordParameter}");

    /// <summary><c>postgresql://USER:PASSWORD@HOST:PORT</c>, plus <c>/DATABASE</c> when one is given: what psql takes as is.</summary>
    internal ReferenceExpression Uri(string? database = null) => database is null
        ? ReferenceExpression.Create($"postgresql://{UserName}:{PasswordParameter:uri}@{Host}:{Port}")
        : ReferenceExpression.Create($"postgresql://{UserName}:{PasswordParameter:uri}@{Host}:{Port}/{database:uri}");

    internal void AddDatabase(string name, string databaseName) => _databases.TryAdd(name, databaseName);
}
