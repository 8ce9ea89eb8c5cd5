using System.Diagnostics;
using System.Globalization;
using RealtimeSales.Benchmarks;

namespace RealtimeSales.Throughput;

/// <summary>
/// Parse + aggregate on one core, in process: the consume loop's per-event work (<see cref="ParseAndAggregate"/>)
/// over a stream of the harness's stores, on this thread after a warm-up. The rate is per second of this thread's
/// own CPU time — what one core does, whatever else the machine runs — with the wall-clock rate beside it, and
/// the bytes this thread allocated.
/// </summary>
internal static class EngineRate
{
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

    /// <summary>utime + stime of the calling thread, from <c>/proc/thread-self/stat</c>.</summary>
    private static TimeSpan ThreadCpu()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
