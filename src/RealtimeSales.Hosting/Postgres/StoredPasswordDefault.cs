using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>
/// The default of the superuser's password parameter: the one stored with a persistent data directory when there is
/// one, so that the parameter and the cluster never disagree; otherwise a new generated one.
/// </summary>
/// <param name="dataDirectory">The server's persistent data directory, if it has one.</param>
internal sealed class StoredPasswordDefault(Func<string?> dataDirectory) : ParameterDefault
{
    // Letters and digits only: the password then needs no escaping in a URI, a connection string or a shell.
    private readonly GenerateParameterDefault _generate = new() { MinLength = 32, Special = false };

    public override string GetDefaultValue() =>
        dataDirectory() is { } directory && PostgresCredentials.TryLoad(directory) is { } stored
            ? stored.Password
            : _generate.GetDefaultValue();

    public override void WriteToManifest(ManifestPublishingContext context) => _generate.WriteToManifest(context);
}
