using System.Diagnostics;
using System.Globalization;
using RealtimeSales.Benchmarks;
using RealtimeSales.Testing;

namespace RealtimeSales.Throughput;

/// <summary>
/// Parse + aggregate on one core, in process: the consume loop's per-event work (<see cref="ParseAndAggregate"/>)
/// over a stream of the harness's stores, on one thread after a warm-up. The rate is per second of that thread's
/// own CPU time — what one core does, whatever else the machine runs — with the wall-clock rate beside it, and
/// the bytes the thread allocated. It runs in a process of its own (this program with <see cref="ChildFlag"/>), with
/// the runtime's default tiered compilation and dynamic PGO as the aggregator has them: the harness itself runs
/// without tiering (its csproj), so that it does not recompile its own code on the cores it measures.
/// </summary>
internal static class EngineRate
{
    /// <summary>The first argument that makes this program measure the engine only and print <see cref="LinePrefix"/>.</summary>
    public const string ChildFlag = "--engine-only";

    private const string LinePrefix = "engine:";

    private static readonly TimeSpan s_childTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Measures in a child process and reads its result line.</summary>
    public static async Task<EngineMeasurement> MeasureInChildAsync(int stores, long events, CancellationToken cancellationToken)
    {
        await using var child = ChildProcess.StartDotnet("engine", typeof(EngineRate).Assembly.Location,
            [ChildFlag, "--stores", Invariant(stores), "--events", Invariant(events)],
            new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "1", ["DOTNET_TieredPGO"] = "1" });
        var exitCode = await child.WaitForExitAsync(s_childTimeout, cancellationToken);
        var line = child.Lines.LastOrDefault(l => l.StartsWith(LinePrefix, StringComparison.Ordinal));
        if (exitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The parse + aggregate measurement failed (exit code {exitCode}). Last output:\n{child.Tail()}");
        }

        var fields = line[LinePrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new EngineMeasurement(Parse(fields[0]), Parse(fields[1]), Parse(fields[2]));
    }

    /// <summary>The result line the child prints.</summary>
    public static string ResultLine(EngineMeasurement measurement) => string.Create(CultureInfo.InvariantCulture,
        $"{LinePrefix} {measurement.PerCoreSecond:R} {measurement.PerWallSecond:R} {measurement.BytesPerEvent:R}");

    private const int StreamEvents = 200_000;

    // USER_HZ, the unit of /proc's CPU times, is 100 on every Linux ABI the project runs on.
    private const double TicksPerSecond = 100;

    // Long enough for tiered compilation to settle on optimized code, as it has in a worker that has run a while.
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(2);

    // At 10 ms per tick, 3 s of CPU time reads to within 1%.
    private static readonly TimeSpan s_minimumCpu = TimeSpan.FromSeconds(3);

    public static EngineMeasurement Measure(int stores, long events)
    {
        var engine = new ParseAndAggregate(new SaleStream(stores, StreamEvents, eventsPerSecond: 20_000));
        var warming = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warming) < s_warmUp)
        {
            engine.Lap();
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = ThreadCpu();
        var started = Stopwatch.GetTimestamp();
        long done = 0;
        while (done < events || ThreadCpu() - cpuBefore < s_minimumCpu)
        {
            done += engine.Lap();
        }

        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = ThreadCpu() - cpuBefore;
        return new EngineMeasurement(done / cpu.TotalSeconds, done / wall.TotalSeconds,
            (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)done);
    }

    private static double Parse(string number) => double.Parse(number, CultureInfo.InvariantCulture);

    private static string Invariant(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>utime + stime of the calling thread, from <c>/proc/thread-self/stat</c>.</summary>
    private static TimeSpan ThreadCpu()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
