using RealtimeSales.Testing;

namespace RealtimeSales.Throughput;

/// <summary>
/// Window-close-to-visible latency at a steady rate. For every window closed while the phase runs: from
/// <c>window_revenue.closed_at</c> — the aggregator's clock (whole milliseconds) when it processed the event that
/// moved the watermark past the window's end — to <c>pg_xact_commit_timestamp</c> of the transaction that inserted
/// the row, after which every reader sees it. Both clocks are this machine's. Not included: the event's own trip
/// from the producer through Kafka (fetch.wait.max.ms and batching) before the aggregator reads it.
/// </summary>
internal static class CloseToVisible
{
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromSeconds(5);

    /// <summary>Starts the steady producer (left running for the next phase) and measures for the configured time.</summary>
    public static async Task<(Latencies Latencies, ChildProcess Producer)> MeasureAsync(
        Pipeline pipeline, HarnessOptions options, long alreadyCheckpointed, CancellationToken cancellationToken)
    {
        var producer = pipeline.StartProducer(maxEvents: 0, options.SteadyRate);
        await pipeline.WaitForCheckpointedAsync(alreadyCheckpointed + options.SteadyRate, TimeSpan.FromSeconds(60), cancellationToken);

        var from = DateTime.UtcNow;
        var until = from.AddSeconds(options.LatencySeconds);
        while (DateTime.UtcNow < until)
        {
            var left = until - DateTime.UtcNow;
            await Task.Delay(left < s_progressInterval ? left : s_progressInterval, cancellationToken);
            Progress.Line($"  {(DateTime.UtcNow - from).TotalSeconds:F0} of {options.LatencySeconds} s at {options.SteadyRate:N0} ev/s");
        }

        // Windows closed up to the end of the phase commit with the next checkpoint: give it time to land.
        await Task.Delay(TimeSpan.FromMilliseconds(options.CheckpointIntervalMs * 3), cancellationToken);
        var latencies = await pipeline.Database.CloseToVisibleAsync(from, until, cancellationToken);
        return (Latencies.Of(latencies), producer);
    }
}
