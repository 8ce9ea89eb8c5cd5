using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting;

/// <summary>PostgreSQL as a resource.</summary>
public static class PostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server run from the machine's installation, on 127.0.0.1 with a generated password
    /// (see <see cref="Postgres.LocalPostgres"/>). It is not started when all its databases are given as
    /// external connection strings. Healthy once it accepts a connection.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="port">The port; <see langword="null"/> picks a free one.</param>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new PostgresServerResource(name, KafkaBuilderExtensions.ValidPort(port)));
    }

    /// <summary>
    /// Adds a database, created once the server is up. With <c>ConnectionStrings:&lt;name&gt;</c> in the AppHost's
    /// configuration, that database is used instead and the server is not needed for it.
    /// </summary>
    /// <param name="builder">The server.</param>
    /// <param name="name">The resource name, also the connection string name.</param>
    /// <param name="databaseName">The name on the server; <see langword="null"/> means <paramref name="name"/>.</param>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        var added = builder.ApplicationBuilder.AddResource(database);
        builder.Resource.AddDatabase(database);
        return added;
    }

    /// <summary>
    /// Keeps the server's data in <paramref name="path"/> (relative paths are under the AppHost's directory):
    /// created on first use, reused by later runs with the same generated password, never deleted.
    /// <see langword="null"/> keeps the default, a fresh directory per run, so that a setting can be passed as is:
    /// <c>.WithDataDirectory(builder.Configuration["Postgres:DataDirectory"])</c>.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> WithDataDirectory(this IResourceBuilder<PostgresServerResource> builder, string? path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (path is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(path);
            builder.Resource.DataDirectory = Path.GetFullPath(path, builder.ApplicationBuilder.AppHostDirectory);
        }

        return builder;
    }

    /// <summary>The server's port on 127.0.0.1; 0 picks a free one.</summary>
    public static IResourceBuilder<PostgresServerResource> WithHostPort(this IResourceBuilder<PostgresServerResource> builder, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Port = KafkaBuilderExtensions.ValidPort(port) ?? 0;
        return builder;
    }
}
