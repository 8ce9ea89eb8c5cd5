using System.Diagnostics;
using System.Runtime;

namespace RealtimeSales.Throughput;

/// <summary>
/// Quiets the harness before a phase is measured: it shares the two cores with what it measures. Reading and
/// counting the topic leaves hundreds of megabytes of garbage and makes many methods hot at once; collecting the
/// one and recompiling the others (tiered compilation) in the background during the first rounds was most of what
/// the harness cost the aggregator there.
/// </summary>
internal static class HarnessQuiet
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Collects the garbage now, then waits until no method has been compiled for half a second, or ten seconds at
    /// most (then goes on regardless: the harness's CPU is measured and printed either way).
    /// </summary>
    public static async Task WaitAsync(CancellationToken cancellationToken)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var started = Stopwatch.GetTimestamp();
        var count = JitInfo.GetCompiledMethodCount();
        var quietSince = started;
        while (Stopwatch.GetElapsedTime(quietSince) < s_quiet && Stopwatch.GetElapsedTime(started) < s_limit)
        {
            await Task.Delay(s_poll, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != count)
            {
                count = now;
                quietSince = Stopwatch.GetTimestamp();
            }
        }
    }
}
