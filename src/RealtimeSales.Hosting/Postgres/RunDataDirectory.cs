using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>
/// The data directory of an AppHost run that was given none: <c>TMP/realtimesales-apphost-pg-PID-START-RUN</c>, named
/// after the AppHost process (its pid and start time, so a reused pid is not mistaken for it) and the run (tests start
/// several applications in one process). Deleted when the
/// application has stopped (its resources with it: the AppHost waits for DCP's cleanup); one that a killed AppHost
/// could not delete is swept by the next AppHost to start.
/// </summary>
/// <remarks>Deleted when the application has stopped rather than when it is disposed: <c>builder.Build().Run()</c> never disposes it.</remarks>
internal sealed class RunDataDirectory : IDisposable
{
    private const string Prefix = "realtimesales-apphost-pg-";

    private RunDataDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>Sweeps the directories of AppHosts that are gone, then names this run's (created by initdb).</summary>
    public static RunDataDirectory Create(IHostApplicationLifetime lifetime, ILogger logger)
    {
        foreach (var directory in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), Prefix + "*"))
        {
            if (Owner(directory) is { } owner && !IsAlive(owner.ProcessId, owner.StartTime))
            {
                TryDelete(directory);
                Log.SweptDataDirectory(logger, directory, owner.ProcessId);
            }
        }

        var self = Environment.ProcessId;
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(),
            string.Create(CultureInfo.InvariantCulture, $"{Prefix}{self}-{StartTime(self)}-{Guid.NewGuid():N}"));
        var run = new RunDataDirectory(path);
        lifetime.ApplicationStopped.Register(run.Dispose);
        return run;
    }

    public void Dispose() => TryDelete(Path);

    private static (int ProcessId, long StartTime)? Owner(string directory)
    {
        var parts = System.IO.Path.GetFileName(directory)[Prefix.Length..].Split('-');
        return parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? (pid, start)
            : null;
    }

    private static bool IsAlive(int processId, long startTime) => StartTime(processId) == startTime;

    /// <summary>The process's start time in clock ticks since boot (field 22 of <c>/proc/PID/stat</c>); -1 when it is gone.</summary>
    private static long StartTime(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count from after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created (the server never started), or already swept.
        }
    }
}
