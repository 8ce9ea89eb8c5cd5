using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>
/// The superuser's name and password, kept inside the data directory they were created with, so a persistent
/// directory keeps working across runs (Aspire regenerated the password and locked users out of their own
/// persisted databases: dotnet/aspire#1151, #5399).
/// </summary>
public sealed record PostgresCredentials(string UserName, string Password)
{
    public const string FileName = "realtimesales-credentials.json";

    /// <summary>The superuser initdb creates: the name PostgreSQL's tools assume.</summary>
    public const string DefaultUserName = "postgres";

    // Letters and digits only: the password then needs no escaping in a URI, a connection string or a shell.
    private const string PasswordAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static PostgresCredentials Generate() => new(DefaultUserName, RandomNumberGenerator.GetString(PasswordAlphabet, 32));

    /// <summary>The credentials stored in <paramref name="dataDirectory"/>; <see langword="null"/> when it holds none.</summary>
    public static PostgresCredentials? TryLoad(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<PostgresCredentials>(File.ReadAllText(path)) ?? throw new InvalidOperationException($"'{path}' is empty.")
            : null;
    }

    [SupportedOSPlatform("linux")]
    public Task SaveAsync(string dataDirectory, ServerAccount account, CancellationToken cancellationToken) =>
        account.WriteSecretAsync(Path.Combine(dataDirectory, FileName), JsonSerializer.Serialize(this), cancellationToken);
}
