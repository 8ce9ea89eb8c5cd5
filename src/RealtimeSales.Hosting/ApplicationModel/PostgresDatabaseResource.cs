namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>
/// A database on a <see cref="PostgresServerResource"/>, created when the server is up; or, when
/// <c>ConnectionStrings:&lt;name&gt;</c> is set in the AppHost's configuration, that external database.
/// </summary>
public sealed class PostgresDatabaseResource : Resource, IResourceWithConnectionString, IResourceWithWaitSupport
{
    internal PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
        : base(name)
    {
        DatabaseName = databaseName;
        Server = server;
    }

    /// <inheritdoc />
    public override string ResourceType => "PostgresDatabase";

    /// <summary>The database's name on the server.</summary>
    public string DatabaseName { get; }

    /// <summary>The server it lives on.</summary>
    public PostgresServerResource Server { get; }

    /// <inheritdoc />
    public override IResource? Parent => Server;
}
