using System.ComponentModel;
using System.Diagnostics;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>The PostgreSQL server programs this machine provides.</summary>
public sealed record PostgresBinaries(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string Postgres => Path.Combine(BinDirectory, "postgres");

    /// <summary>
    /// The first directory holding both programs: <paramref name="configured"/>, then <c>PG_BIN</c>, then the
    /// newest Debian-style <c>/usr/lib/postgresql/N/bin</c>, then what <c>pg_config --bindir</c> reports.
    /// </summary>
    public static PostgresBinaries Locate(string? configured)
    {
        if (configured is not null)
        {
            return IsComplete(configured)
                ? new PostgresBinaries(configured)
                : throw NotFound($"The PostgreSQL bin directory '{configured}' does not contain initdb and postgres.");
        }

        string?[] candidates = [Environment.GetEnvironmentVariable("PG_BIN"), .. DebianBinDirectories(), PgConfigBinDirectory()];
        var found = candidates.FirstOrDefault(candidate => candidate is not null && IsComplete(candidate));
        return found is not null
            ? new PostgresBinaries(found)
            : throw NotFound("No PostgreSQL server programs (initdb, postgres) were found in PG_BIN, /usr/lib/postgresql/*/bin or pg_config --bindir.");
    }

    private static bool IsComplete(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "postgres"));

    private static IEnumerable<string> DebianBinDirectories()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(Root)
            .Select(directory => (Directory: directory, Version: int.TryParse(Path.GetFileName(directory), out var version) ? version : -1))
            .Where(entry => entry.Version >= 0)
            .OrderByDescending(entry => entry.Version)
            .Select(entry => Path.Combine(entry.Directory, "bin"));
    }

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var pgConfig = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true });
            if (pgConfig is null)
            {
                return null;
            }

            var output = pgConfig.StandardOutput.ReadToEnd().Trim();
            pgConfig.WaitForExit();
            return pgConfig.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (Win32Exception)
        {
            // pg_config is not on PATH: the last place to look is simply absent.
            return null;
        }
    }

    private static InvalidOperationException NotFound(string problem) => new(
        problem + " Install the PostgreSQL server (Debian/Ubuntu: 'apt-get install postgresql'), set PG_BIN to its bin directory, " +
        "or use an existing server by setting the connection string 'ConnectionStrings:salesdb' (environment: ConnectionStrings__salesdb).");
}
