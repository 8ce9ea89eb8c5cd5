using System.Diagnostics;
using System.Globalization;

namespace RealtimeSales.Testing.Aspire;

/// <summary>Linux processes seen through /proc: who descends from whom, what each runs, and who is still alive.</summary>
public static class ProcessTree
{
    /// <summary>
    /// <paramref name="root"/>'s descendants right now (children, grandchildren, …), DCP's included: DCP daemonizes (its
    /// parent becomes init, or the nearest subreaper) and names the process it serves with <c>--monitor PID</c>.
    /// </summary>
    public static HashSet<int> DescendantsOf(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = MonitoredBy(pid) ?? stat.ParentId;
            }
        }

        var descendants = new HashSet<int>();
        bool added;
        do
        {
            added = false;
            foreach (var (pid, parent) in parents)
            {
                if ((parent == root || descendants.Contains(parent)) && descendants.Add(pid))
                {
                    added = true;
                }
            }
        }
        while (added);

        return descendants;
    }

    /// <summary>The process a DCP process serves (<c>dcp start-apiserver --monitor PID</c>), if it is one.</summary>
    private static int? MonitoredBy(int pid)
    {
        var arguments = CommandLine(pid).Split(' ');
        var monitor = Array.IndexOf(arguments, "--monitor");
        return arguments.Contains("start-apiserver") && monitor >= 0 && monitor + 1 < arguments.Length
            && int.TryParse(arguments[monitor + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var served)
            ? served
            : null;
    }

    /// <summary>Running: it exists and is not a zombie (exited, waiting for a parent to reap it).</summary>
    public static bool IsAlive(int pid) => Stat(pid) is { State: not 'Z' and not 'X' };

    /// <summary>The command line; empty when the process is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Waits until none of <paramref name="pids"/> is alive; returns those still alive at the deadline.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        List<int> alive = [.. pids];
        while (true)
        {
            alive.RemoveAll(pid => !IsAlive(pid));
            if (alive.Count == 0 || Stopwatch.GetElapsedTime(started) > timeout)
            {
                return alive;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>What a process is, for assertion messages.</summary>
    public static string Describe(int pid) => CommandLine(pid) is { Length: > 0 } command ? $"{pid}: {command}" : $"{pid}: gone";

    private static (char State, int ParentId)? Stat(int pid)
    {
        try
        {
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
