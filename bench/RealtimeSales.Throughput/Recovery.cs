using System.Diagnostics;
using RealtimeSales.Testing;

namespace RealtimeSales.Throughput;

/// <summary>
/// Recovery from a crash while the steady producer runs: SIGKILL the aggregator, start a new one at once, and
/// time until it is processing again — the first commit that moves any partition past where the killed one left
/// it (its commit timestamp). The parts come from the new process's log lines as they arrive: start-up (host,
/// configuration, schema check), then joining the consumer group and
/// claiming the partitions, then the first checkpoint. The group part waits for the broker to give up on the
/// killed member: about its session timeout (<c>--session-timeout</c>).
/// </summary>
internal static class Recovery
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(3);

    public static async Task<IReadOnlyList<RecoveryRound>> MeasureAsync(Pipeline pipeline, int rounds, CancellationToken cancellationToken)
    {
        List<RecoveryRound> results = [];
        for (var round = 1; round <= rounds; round++)
        {
            // Steady state first: the aggregator has been checkpointing for a while, heartbeats included.
            await Task.Delay(s_settle, cancellationToken);
            var killed = pipeline.Aggregator;
            var killedAt = DateTime.UtcNow;
            killed.Kill();
            await killed.WaitForExitAsync(s_timeout, cancellationToken);
            var leftAt = await pipeline.Database.NextOffsetsAsync(cancellationToken);

            var startedAt = DateTime.UtcNow;
            var aggregator = pipeline.StartAggregator();
            var schemaChecked = WhenLineAsync(aggregator, AggregatorLines.SchemaUpToDate, cancellationToken);
            var assigned = WhenLineAsync(aggregator, AggregatorLines.Assigned, cancellationToken);
            var advanced = await FirstAdvanceAsync(pipeline, aggregator, leftAt, startedAt, cancellationToken);

            var result = new RecoveryRound(
                (advanced - killedAt).TotalSeconds,
                (startedAt - killedAt).TotalSeconds,
                (await schemaChecked - startedAt).TotalSeconds,
                (await assigned - await schemaChecked).TotalSeconds,
                (advanced - await assigned).TotalSeconds);
            results.Add(result);
            Progress.Line($"  round {round}: processing again {result.TotalSeconds:F2} s after SIGKILL " +
                $"(start-up {result.StartupSeconds:F2} s, group join and claim {result.GroupSeconds:F2} s, first checkpoint {result.FirstCheckpointSeconds:F2} s)");
        }

        return results;
    }

    private static async Task<DateTime> WhenLineAsync(ChildProcess process, string text, CancellationToken cancellationToken)
    {
        await process.WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), s_timeout, $"'{text}'", cancellationToken);
        return DateTime.UtcNow;
    }

    private static async Task<DateTime> FirstAdvanceAsync(
        Pipeline pipeline, ChildProcess aggregator, IReadOnlyDictionary<int, long> leftAt, DateTime startedAt, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (await pipeline.Database.FirstAdvanceAsync(leftAt, startedAt, cancellationToken) is { } advanced)
            {
                return advanced;
            }

            if (Stopwatch.GetElapsedTime(started) > s_timeout || aggregator.HasExited)
            {
                throw new TimeoutException(
                    $"The restarted aggregator committed no progress within {s_timeout} (exited: {aggregator.HasExited}). Last output:\n{aggregator.Tail()}");
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }
}
