namespace RealtimeSales.Oracle;

/// <summary>
/// What the recount knows about one partition's watermark as it walks the log in offset order: max_ts exactly, and
/// the watermark only as an interval [<see cref="Low"/>, <see cref="High"/>], because the idle rule moves it with a
/// wall clock the log does not record. Times in ticks since the Unix epoch; <see cref="long.MinValue"/> is minus infinity.
/// </summary>
internal sealed class PartitionModel(WindowRules rules)
{
    /// <summary>max_ts over the on-time events so far; late events never move it.</summary>
    public long? MaxTs { get; private set; }

    /// <summary>The watermark is at least this: max_ts − D, or more where the database's choices proved more.</summary>
    public long Low { get; private set; } = long.MinValue;

    /// <summary>The watermark is at most this: max_ts − D plus every idle advance the wall-clock gaps allow.</summary>
    public long High { get; private set; } = long.MinValue;

    /// <summary>CreateTime of the last valid event (on time or late) seen.</summary>
    private DateTimeOffset? _lastValidCreateTime;

    /// <summary>
    /// Before valid message k: the idle rule may have advanced the watermark only while the aggregator saw the
    /// partition at its end with nothing newer at the broker, for longer than I, and by at most the time beyond I.
    /// Idle time starts no earlier than the aggregator took the previous valid event, which was after that event's
    /// CreateTime, and ends before k was visible to it, within <see cref="WindowRules.IdleTolerance"/> of k's
    /// CreateTime. So with g the gap between the two CreateTimes, wm ≤ max_ts − D + (g + tolerance − I).
    /// </summary>
    public void BeforeValidEvent(DateTimeOffset createTime)
    {
        if (MaxTs is { } maxTs && _lastValidCreateTime is { } previous)
        {
            var slack = createTime - previous + rules.IdleTolerance - rules.IdleTimeout;
            if (slack > TimeSpan.Zero)
            {
                High = Math.Max(High, maxTs - rules.WatermarkDelay.Ticks + slack.Ticks);
            }
        }

        _lastValidCreateTime = createTime;
    }

    /// <summary>Late for certain, on time for certain, or either, for an event whose window ends at <paramref name="windowEnd"/>.</summary>
    public Lateness Classify(long windowEnd) =>
        windowEnd <= Low ? Lateness.Late : windowEnd > High ? Lateness.OnTime : Lateness.Either;

    /// <summary>The database decided an ambiguous event: what that proves about the watermark at its arrival.</summary>
    public void Learn(long windowEnd, bool late)
    {
        if (late)
        {
            Low = Math.Max(Low, windowEnd);
        }
        else
        {
            High = Math.Min(High, windowEnd - 1);
        }
    }

    /// <summary>An on-time event: max_ts and with it both bounds advance.</summary>
    public void OnTime(EventTime time)
    {
        if (MaxTs is { } maxTs && time.Ticks <= maxTs)
        {
            return;
        }

        MaxTs = time.Ticks;
        var watermark = time.Ticks - rules.WatermarkDelay.Ticks;
        Low = Math.Max(Low, watermark);
        High = Math.Max(High, watermark);
    }

    /// <summary>The watermark interval, for messages.</summary>
    public string Describe() =>
        Low == long.MinValue && High == long.MinValue ? "minus infinity"
        : Low == High ? EventTime.Format(Low)
        : $"[{(Low == long.MinValue ? "-inf" : EventTime.Format(Low))}, {EventTime.Format(High)}]";
}
