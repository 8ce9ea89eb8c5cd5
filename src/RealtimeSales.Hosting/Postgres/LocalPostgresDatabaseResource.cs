using Aspire.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>
/// A database on a <see cref="LocalPostgresServerResource"/>, created once the server is healthy. DCP knows nothing
/// of it (it mirrors only containers' children), so its state is published by this integration: Running once the
/// database exists, FailedToStart when the server never became healthy.
/// </summary>
/// <param name="name">The resource name, also the connection string name.</param>
/// <param name="databaseName">The database's name in PostgreSQL.</param>
/// <param name="parent">The server.</param>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString, IResourceWithWaitSupport
{
    public LocalPostgresServerResource Parent { get; } = parent ?? throw new ArgumentNullException(nameof(parent));

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent.ConnectionStringExpression};Database={DatabaseName}");

    /// <summary><c>postgresql://USER:PASSWORD@127.0.0.1:PORT/DATABASE</c>, for psql and the README's cookbook.</summary>
    public ReferenceExpression UriExpression => Parent.Uri(DatabaseName);
}
