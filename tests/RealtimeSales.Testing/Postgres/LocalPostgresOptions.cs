namespace RealtimeSales.Testing.Postgres;

/// <summary>How <see cref="LocalPostgres.StartAsync"/> runs a PostgreSQL server from the machine's installation.</summary>
public sealed class LocalPostgresOptions
{
    /// <summary>
    /// The PostgreSQL data directory. <see langword="null"/> (the default) creates a fresh one under
    /// <see cref="Path.GetTempPath"/> that is deleted on dispose; a path makes the server persistent: it is
    /// created and initialised on first use, reused with the same password afterwards, and never deleted.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>The TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// The directory holding <c>initdb</c> and <c>postgres</c>. <see langword="null"/> (the default) looks at
    /// the <c>PG_BIN</c> environment variable, then the newest <c>/usr/lib/postgresql/*/bin</c>, then
    /// <c>pg_config --bindir</c>.
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>How long to wait for the server to accept connections after each start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

}
