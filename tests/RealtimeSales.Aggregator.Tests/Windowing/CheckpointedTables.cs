using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>
/// An in-memory stand-in for the checkpoint tables with the same keys as PostgreSQL, applying a
/// partition's delta the way one checkpoint transaction does: a duplicate key fails loudly.
/// </summary>
internal sealed class CheckpointedTables
{
    public SortedDictionary<(string Store, long Start), (long Revenue, int Count)> WindowRevenue { get; } = [];

    public SortedDictionary<long, (string Store, long Ts, long Price)> LateEvents { get; } = [];

    public SortedDictionary<long, string> RejectedEvents { get; } = [];

    public SortedDictionary<(string Store, long Start), (long Revenue, int Count)> OpenWindows { get; } = [];

    public PartitionCheckpoint Checkpoint { get; private set; } = PartitionCheckpoint.Empty(0);

    public void Commit(PartitionWindows windows)
    {
        Assert.Equal(Checkpoint.NextOffset, windows.CommittedNextOffset);
        foreach (var closed in windows.ClosedWindows)
        {
            WindowRevenue.Add((closed.Store, closed.WindowStartMicros), (closed.RevenueCents, closed.EventCount));
        }

        foreach (var late in windows.LateEvents)
        {
            LateEvents.Add(late.Offset, (late.Store, late.TimestampMicros, late.PriceCents));
        }

        foreach (var rejected in windows.RejectedEvents)
        {
            RejectedEvents.Add(rejected.Offset, rejected.Reason);
        }

        foreach (var window in windows.ChangedOpenWindows)
        {
            OpenWindows[(window.Store, window.WindowStartMicros)] = (window.RevenueCents, window.EventCount);
        }

        foreach (var window in windows.DeletedOpenWindows)
        {
            Assert.True(OpenWindows.Remove((window.Store, window.WindowStartMicros)));
        }

        Checkpoint = windows.Checkpoint;
        windows.MarkCommitted();
    }

    /// <summary>What a restarted aggregator loads: the checkpoint and the open windows.</summary>
    public PartitionWindows Restore(WindowSpec spec, long nowMicros) =>
        new(spec, Checkpoint, OpenWindows.Select(entry => new OpenWindow(entry.Key.Store, entry.Key.Start)
        {
            RevenueCents = entry.Value.Revenue,
            EventCount = entry.Value.Count,
        }), nowMicros);

    public string Render() =>
        string.Join('\n', WindowRevenue.Select(e => $"W {e.Key} {e.Value}")
            .Concat(LateEvents.Select(e => $"L {e.Key} {e.Value}"))
            .Concat(RejectedEvents.Select(e => $"R {e.Key} {e.Value}"))
            .Concat(OpenWindows.Select(e => $"O {e.Key} {e.Value}"))
            .Append($"C {Checkpoint}"));
}
