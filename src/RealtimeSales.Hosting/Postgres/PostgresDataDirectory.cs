using System.Runtime.Versioning;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>Creates a PostgreSQL cluster in a data directory, or recognises one created before.</summary>
public static class PostgresDataDirectory
{
    /// <summary>Whether <paramref name="dataDirectory"/> already holds a cluster.</summary>
    public static bool IsInitialized(string dataDirectory) => File.Exists(Path.Combine(dataDirectory, "PG_VERSION"));

    /// <summary>
    /// Makes <paramref name="dataDirectory"/> hold a cluster whose superuser has <paramref name="credentials"/>: runs
    /// initdb when it holds none, and otherwise checks that the credentials stored with it are these.
    /// </summary>
    /// <returns>Whether initdb ran.</returns>
    /// <exception cref="InvalidOperationException">The directory holds another cluster, or initdb failed; the message says which and why.</exception>
    [SupportedOSPlatform("linux")]
    public static async Task<bool> PrepareAsync(
        string dataDirectory, PostgresBinaries binaries, ServerAccount account, PostgresCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binaries);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(credentials);
        if (IsInitialized(dataDirectory))
        {
            var stored = PostgresCredentials.TryLoad(dataDirectory) ?? throw new InvalidOperationException(
                $"The data directory '{dataDirectory}' holds a PostgreSQL cluster but no '{PostgresCredentials.FileName}', so its password is unknown. " +
                "Use a directory this application created, or a new one.");
            return stored == credentials
                ? false
                : throw new InvalidOperationException(
                    $"The data directory '{dataDirectory}' was created with other credentials than the ones given (user '{credentials.UserName}'). " +
                    $"Its own are in '{PostgresCredentials.FileName}' there; give those, or none, or use a new directory.");
        }

        Directory.CreateDirectory(dataDirectory);
        await account.TakeOwnershipAsync(dataDirectory, cancellationToken);

        // initdb reads the password from a file; it lives in a private scratch directory only while initdb runs.
        var scratch = Directory.CreateTempSubdirectory("realtimesales-pg-init-");
        try
        {
            await account.TakeOwnershipAsync(scratch.FullName, cancellationToken);
            var passwordFile = Path.Combine(scratch.FullName, "password");
            await account.WriteSecretAsync(passwordFile, credentials.Password, cancellationToken);

            string[] arguments =
            [
                "--pgdata", dataDirectory,
                "--username", credentials.UserName,
                "--pwfile", passwordFile,
                "--auth", "scram-sha-256",
                "--encoding", "UTF8",
                "--locale", "C.UTF-8",
                "--no-instructions",
            ];
            var hint = account.SwitchesUser
                ? "initdb runs as the 'postgres' system user: every parent directory of the data directory must be searchable by it."
                : "";
            await ProcessRunner.RunAsync(account.Command(binaries.InitDb, arguments), hint, cancellationToken);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        await credentials.SaveAsync(dataDirectory, account, cancellationToken);
        return true;
    }
}
