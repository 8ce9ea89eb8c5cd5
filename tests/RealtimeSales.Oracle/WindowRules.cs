namespace RealtimeSales.Oracle;

/// <summary>
/// The windowing settings the aggregators ran with (DESIGN.md, Windowing semantics), and how far the recount lets
/// the idle rule go beyond what the log's timestamps prove.
/// </summary>
/// <param name="WindowSize">W: tumbling windows [floor(ts / W) · W, + W).</param>
/// <param name="WatermarkDelay">D: the watermark is max_ts − D.</param>
/// <param name="IdleTimeout">I: wall-clock silence at the end of a partition before its watermark moves with the clock.</param>
public sealed record WindowRules(TimeSpan WindowSize, TimeSpan WatermarkDelay, TimeSpan IdleTimeout)
{
    /// <summary>
    /// The default <see cref="IdleTolerance"/>: 1 s. An idle advance before message k happens while the aggregator
    /// believes nothing newer exists; that belief can outlive k's CreateTime by the time k takes to become visible
    /// to it: the producer's batching (linger 5 ms) and acknowledgement, the broker answering an empty fetch only
    /// after fetch.wait.max.ms (25 ms) without being woken by new data, a checkpoint in progress on the consume
    /// thread (~45 ms), and CreateTime's millisecond resolution; ~0.1 s in all. Ten times that allows for a loaded
    /// 2-core machine and stays far below the stalls issue 11 is about (seconds, longer than I).
    /// </summary>
    public static readonly TimeSpan DefaultIdleTolerance = TimeSpan.FromSeconds(1);

    /// <summary>Slack added to every wall-clock gap in the idle model (see <see cref="DefaultIdleTolerance"/>).</summary>
    public TimeSpan IdleTolerance { get; init; } = DefaultIdleTolerance;

    /// <summary>floor(ts / W) · W in ticks, exactly (ts's floor in ticks has the same quotient, W being whole ticks).</summary>
    public long WindowStart(EventTime time) => time.Ticks - (time.Ticks % WindowSize.Ticks);

    /// <summary>The end of the window holding <paramref name="time"/>.</summary>
    public long WindowEnd(EventTime time) => WindowStart(time) + WindowSize.Ticks;
}
