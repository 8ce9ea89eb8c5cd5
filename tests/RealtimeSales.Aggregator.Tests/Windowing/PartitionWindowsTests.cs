using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;
using static RealtimeSales.Aggregator.Tests.Windowing.WindowScript;

namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>DESIGN.md's windowing rules, one table row each. W = 30 s, D = 30 s, I = 60 s unless a row says otherwise.</summary>
public sealed class PartitionWindowsTests
{
    private static readonly WindowSpec s_defaults = new(30 * Second, 30 * Second, 60 * Second);

    public static TheoryData<string, string, string, string> Rules => new()
    {
        // name, script, closed windows (|-separated), late events (|-separated)
        { "one event closes nothing", "s1 10 4.50", "", "" },
        { "watermark reaching window_end closes it", "s1 10 4.50; s1 60 1.00", "s1 0-30 4.50 x1", "" },
        { "watermark a microsecond short of window_end keeps it open", "s1 10 4.50; s1 59.999999 1.00", "", "" },
        { "ts exactly on window_end belongs to the next window", "s1 30 1.00; s1 90 2.00", "s1 30-60 1.00 x1", "" },
        { "fractional ts on either side of a boundary", "s1 29.999999 2.00; s1 30.000001 3.00; s1 90 0", "s1 0-30 2.00 x1|s1 30-60 3.00 x1", "" },
        { "out of order within the watermark is counted", "s1 50 1.00; s1 25 2.00; s1 45 3.00; s1 61 0", "s1 0-30 2.00 x1", "" },
        { "late beyond the watermark goes to late_events", "s1 10 1.00; s1 65 1.00; s1 20 5.00", "s1 0-30 1.00 x1", "s1 20 @2" },
        { "window_end equal to the watermark is late", "s1 90 1.00; s2 30 1.00; s2 59.999999 1.00; s2 60 1.00", "", "s2 30 @1|s2 59.999999 @2" },
        { "a window never opened behind the watermark is late", "s1 100 1.00; s2 40 3.00", "", "s2 40 @1" },
        { "the watermark never moves back", "s1 100 1.00; s1 50 1.00; s1 75 2.00", "", "s1 50 @1" },
        { "many stores per partition close together", "s1 10 1.00; s2 11 2.00; s3 12 3.00; s1 13 4.00; s2 70 0", "s1 0-30 5.00 x2|s2 0-30 2.00 x1|s3 0-30 3.00 x1", "" },
        { "zero prices still count events", "s1 1 0; s1 2 0; s1 61 0", "s1 0-30 0.00 x2", "" },
        { "several windows close at once, oldest first", "s1 1 1.00; s1 31 2.00; s1 61 3.00; s1 150 0", "s1 0-30 1.00 x1|s1 30-60 2.00 x1|s1 60-90 3.00 x1", "" },
        { "revenue sums exactly", "s1 1 0.10; s1 2 0.20; s1 3 0.70; s1 4 999999.99; s1 60 0", "s1 0-30 1000000.99 x4", "" },
        { "idle shorter than the timeout moves nothing", "wall 0; s1 10 1.00; end; wall 59; idle", "", "" },
        { "idle advance closes the last window", "wall 0; s1 10 1.00; end; wall 110; idle", "s1 0-30 1.00 x1", "" },
        { "idle advance moves at wall-clock speed", "wall 0; s1 10 1.00; end; wall 109.999999; idle", "", "" },
        { "idle is measured from the last catch-up, not the last event", "wall 0; s1 10 1.00; wall 50; end; wall 110; idle; wall 159.999999; idle", "", "" },
        { "idle counted from a late catch-up still closes", "wall 0; s1 10 1.00; wall 50; end; wall 160; idle", "s1 0-30 1.00 x1", "" },
        { "a message ends the idle time", "wall 0; s1 10 1.00; end; wall 100; s1 11 1.00; wall 150; idle", "", "" },
        { "a rejected message also ends it", "wall 0; s1 10 1.00; end; wall 100; reject; wall 150; idle", "", "" },
        { "never caught up, never idle", "wall 0; s1 10 1.00; wall 1000; idle", "", "" },
        { "a stall forgets the catch-up", "wall 0; s1 10 1.00; end; wall 20; stall; wall 1000; idle", "", "" },
        { "after a stall idle time restarts at the next catch-up", "wall 0; s1 10 1.00; end; wall 20; stall; wall 100; end; wall 209.999999; idle; wall 210; idle", "s1 0-30 1.00 x1", "" },
        { "catching up again does not restart idle time", "wall 0; s1 10 1.00; end; wall 80; end; wall 110; idle", "s1 0-30 1.00 x1", "" },
        { "after an idle advance the watermark does not move back", "wall 0; s1 10 1.00; end; wall 110; idle; s1 15 1.00; s1 31 2.00", "s1 0-30 1.00 x1", "s1 15 @1" },
        { "no events, no idle advance", "wall 1000; end; wall 2000; idle", "", "" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void WindowingFollowsTheDesign(string name, string script, string closed, string late)
    {
        Run(s_defaults, script, out var output);

        Assert.True(Lines(closed).SequenceEqual(output.Closed),
            $"{name}: closed windows\n expected: {closed}\n actual:   {string.Join('|', output.Closed)}");
        Assert.True(Lines(late).SequenceEqual(output.Late),
            $"{name}: late events\n expected: {late}\n actual:   {string.Join('|', output.Late)}");
    }

    [Theory]
    [InlineData("s1 10 1.00", -20.0)]
    [InlineData("s1 10 1.00; s1 100 1.00; s1 40 1.00", 70.0)]
    [InlineData("s1 10.5 1.00", -19.5)]
    public void WatermarkIsMaxTimestampMinusDelay(string script, double expectedSeconds)
    {
        var windows = Run(s_defaults, script, out _);

        Assert.Equal((long)(expectedSeconds * Second), windows.WatermarkMicros);
    }

    [Fact]
    public void WatermarkStartsAtMinusInfinitySoTheFirstEventIsNeverLate()
    {
        var windows = Run(s_defaults, "s1 0 1.00", out var output);

        Assert.Empty(output.Late);
        Assert.Equal(1, windows.OpenWindowCount);
    }

    [Fact]
    public void ShortWindowsAndZeroDelayCloseOnTheNextWindowsFirstEvent()
    {
        var spec = new WindowSpec(2 * Second, 0, 4 * Second);

        Run(spec, "s1 0.5 1.00; s1 1.9 1.00; s1 2 1.00; s1 1.95 1.00", out var output);

        Assert.Equal(["s1 0-2 2.00 x2"], output.Closed);
        Assert.Equal(["s1 1.95 @3"], output.Late);
    }

    [Fact]
    public void RejectedMessagesMoveTheOffsetButNotTheWatermark()
    {
        var windows = Run(s_defaults, "s1 100 1.00", out _);

        windows.Reject(1, [1], [2], "invalid JSON", 0);

        Assert.Equal(2, windows.NextOffset);
        Assert.Equal(70 * Second, windows.WatermarkMicros);
        Assert.Equal("invalid JSON", Assert.Single(windows.Seal().RejectedEvents).Reason);
    }

    [Fact]
    public void EachDeltaHoldsOnlyWhatChangedSinceThePreviousOne()
    {
        var windows = new PartitionWindows(s_defaults, PartitionCheckpoint.Empty(0), []);
        windows.Add(0, new Sale("s1", 100, 10 * Second), 0);
        windows.Add(1, new Sale("s2", 100, 10 * Second), 0);
        Assert.Equal(2, windows.Seal().ChangedOpenWindows.Count);
        Assert.False(windows.HasChanges);
        Assert.Empty(windows.Seal().ChangedOpenWindows);

        windows.Add(2, new Sale("s1", 100, 11 * Second), 0);

        Assert.True(windows.HasChanges);
        var delta = windows.Seal();
        Assert.Equal(new OpenWindowState("s1", 0, 200, 2), Assert.Single(delta.ChangedOpenWindows));
        Assert.Equal(new PartitionCheckpoint(3, 11 * Second, -19 * Second), delta.Checkpoint);

        windows.Add(3, new Sale("s3", 100, 60 * Second), 0);

        delta = windows.Seal();
        Assert.Equal(["s1", "s2"], delta.DeletedOpenWindows.Select(w => w.Store));
        Assert.Equal(["s3"], delta.ChangedOpenWindows.Select(w => w.Store));
        Assert.Equal(2, delta.ClosedWindows.Count);
    }

    [Fact]
    public void ASealedDeltaDoesNotChangeWhileTheEngineGoesOn()
    {
        var windows = new PartitionWindows(s_defaults, PartitionCheckpoint.Empty(0), []);
        windows.Add(0, new Sale("s1", 100, 10 * Second), 0);
        var sealedDelta = windows.Seal();

        windows.Add(1, new Sale("s1", 50, 11 * Second), 0);
        windows.Add(2, new Sale("s1", 0, 90 * Second), 0);

        Assert.Equal(new OpenWindowState("s1", 0, 100, 1), Assert.Single(sealedDelta.ChangedOpenWindows));
        Assert.Empty(sealedDelta.ClosedWindows);
        Assert.Equal(1, sealedDelta.Checkpoint.NextOffset);
        var next = windows.Seal();
        Assert.Equal(150, Assert.Single(next.ClosedWindows).RevenueCents);
        Assert.Equal(new OpenWindowState("s1", 0, 150, 2), Assert.Single(next.DeletedOpenWindows));
    }

    [Fact]
    public void AWindowOpenedAndClosedWithinOneDeltaIsNeitherUpsertedNorDeleted()
    {
        var windows = new PartitionWindows(s_defaults, PartitionCheckpoint.Empty(0), []);
        windows.Add(0, new Sale("s1", 100, 10 * Second), 0);
        windows.Add(1, new Sale("s1", 0, 90 * Second), 0);

        var delta = windows.Seal();

        Assert.Equal("s1", Assert.Single(delta.ClosedWindows).Store);
        Assert.Equal([new OpenWindowState("s1", 90 * Second, 0, 1)], delta.ChangedOpenWindows);
        Assert.Empty(delta.DeletedOpenWindows);
    }

    [Fact]
    public void RestoredOpenWindowsKeepCountingAndCloseFromTheCheckpointedWatermark()
    {
        var restored = new OpenWindow("s1", 0) { RevenueCents = 450, EventCount = 1 };
        var checkpoint = new PartitionCheckpoint(7, 20 * Second, -10 * Second);
        var windows = new PartitionWindows(s_defaults, checkpoint, [restored]);

        windows.Add(7, new Sale("s1", 50, 25 * Second), 0);
        windows.Add(8, new Sale("s1", 0, 60 * Second), 0);

        var delta = windows.Seal();
        var closed = Assert.Single(delta.ClosedWindows);
        Assert.Equal((500L, 2), (closed.RevenueCents, closed.EventCount));
        Assert.Equal(new OpenWindowState("s1", 0, 500, 2), Assert.Single(delta.DeletedOpenWindows));
        Assert.Equal(9, delta.Checkpoint.NextOffset);
    }

    [Fact]
    public void GapsMoveTheNextOffsetAndAreRecorded()
    {
        var windows = new PartitionWindows(s_defaults, PartitionCheckpoint.Empty(5), []);

        windows.SkipTo(120, "retention", 0);

        Assert.Equal(120, windows.NextOffset);
        Assert.True(windows.HasChanges);
        var gap = Assert.Single(windows.Seal().Gaps);
        Assert.Equal((5L, 120L), (gap.FromOffset, gap.ToOffset));
    }

    private static string[] Lines(string table) => table.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
