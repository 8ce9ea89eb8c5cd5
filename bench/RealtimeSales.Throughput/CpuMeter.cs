using System.Globalization;

namespace RealtimeSales.Throughput;

/// <summary>
/// CPU time from <c>/proc</c> over a phase: per group of processes (PostgreSQL is the postmaster and its backends)
/// and for the whole machine, so that a phase can say who used the cores — including processes that are not the
/// harness's, which on a shared machine are part of the story. Processes are sampled every 100 ms so that one
/// that exits during the phase (a producer that is done) keeps what it used up to its last sample.
/// </summary>
internal sealed class CpuMeter : IDisposable
{
    // USER_HZ, the unit of /proc's CPU times, is 100 on every Linux ABI the project runs on.
    private const double TicksPerSecond = 100;

    private static readonly TimeSpan s_sampleInterval = TimeSpan.FromMilliseconds(100);

    // Finding PostgreSQL's backends scans /proc: once a second is enough for processes that live for minutes.
    private const int SamplesPerMembershipRefresh = 10;

    private readonly IReadOnlyList<(string Name, Func<IEnumerable<int>> Processes)> _groups;
    private readonly Dictionary<(string Group, int Pid), (long First, long Last)> _ticks = [];
    private readonly Dictionary<string, int[]> _members = [];
    private readonly Lock _lock = new();
    private readonly DateTime _startedAt = DateTime.UtcNow;
    private readonly long _machineAtStart = MachineBusyTicks();
    private readonly Timer _timer;
    private int _samples;

    /// <summary>Starts measuring.</summary>
    /// <param name="groups">Named sets of process ids, read again at every sample (a restarted worker is a new id).</param>
    public CpuMeter(IReadOnlyList<(string Name, Func<IEnumerable<int>> Processes)> groups)
    {
        _groups = groups;
        Sample(baseline: true);
        _timer = new Timer(_ => Sample(baseline: false), null, s_sampleInterval, s_sampleInterval);
    }

    /// <summary>CPU seconds per group and for the machine since the meter started.</summary>
    public CpuUsage Stop()
    {
        _timer.Dispose();
        Sample(baseline: false);
        lock (_lock)
        {
            return new CpuUsage(
                (DateTime.UtcNow - _startedAt).TotalSeconds,
                Environment.ProcessorCount,
                (MachineBusyTicks() - _machineAtStart) / TicksPerSecond,
                [.. _groups.Select(g => (g.Name, _ticks.Where(t => t.Key.Group == g.Name).Sum(t => t.Value.Last - t.Value.First) / TicksPerSecond))]);
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>The process and its direct children (PostgreSQL's backends are children of the postmaster).</summary>
    public static IEnumerable<int> WithChildren(int? parent) => parent is not { } id
        ? []
        : Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name is not null && name.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => pid == id || ParentOf(pid) == id);

    private void Sample(bool baseline)
    {
        // The timer's callbacks may overlap one another and Stop: one sample at a time.
        lock (_lock)
        {
            var refresh = _samples++ % SamplesPerMembershipRefresh == 0;
            foreach (var (name, processes) in _groups)
            {
                if (refresh || !_members.ContainsKey(name))
                {
                    _members[name] = [.. processes()];
                }

                foreach (var pid in _members[name])
                {
                    if (ProcessTicks(pid) is { } ticks)
                    {
                        // A process first seen after the start began within the phase: all its time counts.
                        _ticks[(name, pid)] = _ticks.TryGetValue((name, pid), out var seen) ? (seen.First, ticks) : (baseline ? ticks : 0, ticks);
                    }
                }
            }
        }
    }

    /// <summary>user + nice + system + irq + softirq + steal from the first line of <c>/proc/stat</c>.</summary>
    private static long MachineBusyTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
    }

    /// <summary>utime + stime of a live process; null when it has gone.</summary>
    private static long? ProcessTicks(int pid) => StatFields(pid) is { } fields
        ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
        : null;

    private static int? ParentOf(int pid) => StatFields(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : null;

    /// <summary>The fields of <c>/proc/PID/stat</c> after the command name (which may hold spaces): state first.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
