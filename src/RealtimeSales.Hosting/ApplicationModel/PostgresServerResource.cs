namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>
/// A PostgreSQL server run from the machine's installation (<see cref="Postgres.LocalPostgres"/>), bound to
/// 127.0.0.1 with a generated password. Not started when all its databases are given as external connection strings.
/// </summary>
public sealed class PostgresServerResource : Resource, IResourceWithWaitSupport
{
    private readonly List<PostgresDatabaseResource> _databases = [];

    internal PostgresServerResource(string name, int? port)
        : base(name) => Port = port ?? 0;

    /// <inheritdoc />
    public override string ResourceType => "Postgres";

    /// <summary>The port on 127.0.0.1; 0 (the default) picks a free one, kept across restarts.</summary>
    public int Port { get; internal set; }

    /// <summary>
    /// The data directory. <see langword="null"/> (the default) uses a fresh directory per run, deleted when the
    /// application stops; a path keeps the data and the generated password across runs.
    /// </summary>
    public string? DataDirectory { get; internal set; }

    /// <summary>The databases created on this server.</summary>
    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    internal void AddDatabase(PostgresDatabaseResource database) => _databases.Add(database);
}
