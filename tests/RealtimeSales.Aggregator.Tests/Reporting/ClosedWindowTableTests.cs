using RealtimeSales.Aggregator.Reporting;
using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator.Tests.Reporting;

/// <summary>The console table of committed windows: the seed's format, at most once per interval, never empty.</summary>
public sealed class ClosedWindowTableTests
{
    // 2026-12-02 12:00:00 UTC.
    private const long Noon = 1_796_212_800_000_000;
    private const long Window = 30_000_000;

    [Fact]
    public void ATableHasTheSeedsColumnsBordersAndRightAlignedCellsOldestWindowFirst()
    {
        ClosedWindow[] windows =
        [
            new("store-10", Noon + Window, Noon + (2 * Window), 123_456, 7, 0),
            new("store-2", Noon, Noon + Window, 450, 1, 0),
            new("store-1", Noon, Noon + Window, 100_000_000, 3, 0),
        ];

        var table = ClosedWindowTable.Format(4, windows);

        Assert.Equal(
            """
            -------------------------------------------
            Batch: 4
            -------------------------------------------
            +--------+-------------+-------------------+-------------------+
            |   store|total_revenue|       window_start|         window_end|
            +--------+-------------+-------------------+-------------------+
            | store-1|   1000000.00|2026-12-02 12:00:00|2026-12-02 12:00:30|
            | store-2|         4.50|2026-12-02 12:00:00|2026-12-02 12:00:30|
            |store-10|      1234.56|2026-12-02 12:00:30|2026-12-02 12:01:00|
            +--------+-------------+-------------------+-------------------+


            """.ReplaceLineEndings(),
            table);
    }

    [Fact]
    public void MoreThanTwentyWindowsShowTheOldestTwentyAndSaySo()
    {
        var windows = Enumerable.Range(0, 25).Select(i => new ClosedWindow($"store-{i:00}", Noon + (i * Window), Noon + ((i + 1) * Window), 100, 1, 0)).ToList();

        var lines = ClosedWindowTable.Format(1, windows).Split(Environment.NewLine);

        Assert.Equal(20, lines.Count(line => line.StartsWith("|store-", StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.Contains("|store-19|", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("|store-20|", StringComparison.Ordinal));
        Assert.Contains("only showing top 20 rows of 25", lines);
    }

    [Fact]
    public void EachTickPrintsWhatCommittedSinceTheLastTableAndNothingWhenNothingDid()
    {
        var clock = new ManualTimers();
        var output = new StringWriter();
        using var table = new ClosedWindowTable(output, clock, TimeSpan.FromSeconds(10));

        var timer = Assert.Single(clock.Timers);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)), (timer.DueTime, timer.Period));

        timer.Fire();
        Assert.Equal("", output.ToString());

        table.Committed([new ClosedWindow("store-1", Noon, Noon + Window, 250, 2, 0)]);
        table.Committed([]);
        table.Committed([new ClosedWindow("store-2", Noon, Noon + Window, 300, 1, 0)]);
        Assert.Equal("", output.ToString());

        timer.Fire();
        var first = output.ToString();
        Assert.Contains("Batch: 1", first, StringComparison.Ordinal);
        Assert.Contains("|store-1|         2.50|", first, StringComparison.Ordinal);
        Assert.Contains("|store-2|         3.00|", first, StringComparison.Ordinal);

        timer.Fire();
        Assert.Equal(first, output.ToString());

        table.Committed([new ClosedWindow("store-3", Noon + Window, Noon + (2 * Window), 1, 1, 0)]);
        timer.Fire();
        var second = output.ToString()[first.Length..];
        Assert.Contains("Batch: 2", second, StringComparison.Ordinal);
        Assert.Contains("store-3", second, StringComparison.Ordinal);
        Assert.DoesNotContain("store-1", second, StringComparison.Ordinal);
    }

    [Fact]
    public void DisposingStopsTheTimer()
    {
        var clock = new ManualTimers();
        var table = new ClosedWindowTable(new StringWriter(), clock, TimeSpan.FromSeconds(10));

        table.Dispose();

        Assert.True(Assert.Single(clock.Timers).Disposed);
    }

    [Theory]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    [InlineData(false, true, false)]
    [InlineData(true, false, true)]
    public void TheTableIsOnInDevelopmentUnlessTurnedOff(bool? setting, bool development, bool printed)
    {
        Assert.Equal(printed, new AggregatorOptions { PrintWindows = setting }.EffectivePrintWindows(development));
    }

    /// <summary>Timers that fire when the test says so.</summary>
    private sealed class ManualTimers : TimeProvider
    {
        public List<ManualTimer> Timers { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(() => callback(state), dueTime, period);
            Timers.Add(timer);
            return timer;
        }
    }

    private sealed class ManualTimer(Action fire, TimeSpan dueTime, TimeSpan period) : ITimer
    {
        public TimeSpan DueTime { get; } = dueTime;

        public TimeSpan Period { get; } = period;

        public bool Disposed { get; private set; }

        public void Fire() => fire();

        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
