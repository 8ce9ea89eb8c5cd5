using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>
/// The superuser's name and password, generated once per data directory and kept inside it, so a persistent
/// directory keeps working across runs (Aspire regenerated the password and locked users out of their own
/// persisted databases: dotnet/aspire#1151, #5399).
/// </summary>
internal sealed record PostgresCredentials(string UserName, string Password)
{
    public const string FileName = "realtimesales-credentials.json";

    // Letters and digits only: the password then needs no escaping in a URI, a connection string or a shell.
    private const string PasswordAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static PostgresCredentials Generate() => new("postgres", RandomNumberGenerator.GetString(PasswordAlphabet, 32));

    public static PostgresCredentials Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The data directory '{dataDirectory}' holds a PostgreSQL cluster but no '{FileName}', so its password is unknown. " +
                "Point LocalPostgresOptions.DataDirectory at a directory LocalPostgres created, or at a new one.");
        }

        return JsonSerializer.Deserialize<PostgresCredentials>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"'{path}' is empty.");
    }

    [SupportedOSPlatform("linux")]
    public Task SaveAsync(string dataDirectory, ServerAccount account, CancellationToken cancellationToken) =>
        account.WriteSecretAsync(Path.Combine(dataDirectory, FileName), JsonSerializer.Serialize(this), cancellationToken);
}
