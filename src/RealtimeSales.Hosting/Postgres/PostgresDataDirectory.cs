using System.Runtime.Versioning;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>Creates a PostgreSQL cluster in a data directory, or recognises one created before.</summary>
internal static class PostgresDataDirectory
{
    /// <summary>The credentials of the cluster in <paramref name="dataDirectory"/>, running initdb first if there is none.</summary>
    [SupportedOSPlatform("linux")]
    public static async Task<PostgresCredentials> PrepareAsync(
        string dataDirectory, PostgresBinaries binaries, ServerAccount account, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return PostgresCredentials.Load(dataDirectory);
        }

        var credentials = PostgresCredentials.Generate();
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
        return credentials;
    }
}
