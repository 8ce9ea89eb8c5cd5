using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>What the checkpoint tables hold, keyed as in PostgreSQL; applying a duplicate row fails, as its key would.</summary>
internal sealed class CommittedTables
{
    /// <summary><c>window_revenue</c>: the sum of every partition's share.</summary>
    public SortedDictionary<(string Store, long Start), (long Revenue, int Count)> WindowRevenue { get; } = [];

    /// <summary><c>window_shares</c>.</summary>
    public SortedDictionary<(int Partition, string Store, long Start), (long Revenue, int Count)> Shares { get; } = [];

    public SortedDictionary<(int Partition, long Offset), (string Store, long Ts, long Price, long WindowStart)> LateEvents { get; } = [];

    public SortedDictionary<(int Partition, long Offset), string> RejectedEvents { get; } = [];

    public SortedDictionary<(int Partition, long From), long> Gaps { get; } = [];

    public SortedDictionary<(int Partition, string Store, long Start), (long Revenue, int Count)> OpenWindows { get; } = [];

    public SortedDictionary<int, PartitionCheckpoint> Checkpoints { get; } = [];

    public void Apply(int partition, WindowDelta delta)
    {
        foreach (var closed in delta.ClosedWindows)
        {
            Shares.Add((partition, closed.Store, closed.WindowStartMicros), (closed.RevenueCents, closed.EventCount));
            var sum = WindowRevenue.GetValueOrDefault((closed.Store, closed.WindowStartMicros));
            WindowRevenue[(closed.Store, closed.WindowStartMicros)] = (sum.Revenue + closed.RevenueCents, sum.Count + closed.EventCount);
        }

        foreach (var late in delta.LateEvents)
        {
            LateEvents.Add((partition, late.Offset), (late.Store, late.TimestampMicros, late.PriceCents, late.WindowStartMicros));
        }

        foreach (var rejected in delta.RejectedEvents)
        {
            RejectedEvents.Add((partition, rejected.Offset), rejected.Reason);
        }

        foreach (var gap in delta.Gaps)
        {
            Gaps.Add((partition, gap.FromOffset), gap.ToOffset);
        }

        foreach (var window in delta.ChangedOpenWindows)
        {
            OpenWindows[(partition, window.Store, window.WindowStartMicros)] = (window.RevenueCents, window.EventCount);
        }

        foreach (var window in delta.DeletedOpenWindows)
        {
            Assert.True(OpenWindows.Remove((partition, window.Store, window.WindowStartMicros)), $"open window {window} was never written");
        }

        Checkpoints[partition] = delta.Checkpoint;
    }

    public string Render() =>
        string.Join('\n', WindowRevenue.Select(e => $"W {e.Key} {e.Value}")
            .Concat(LateEvents.Select(e => $"L {e.Key} {e.Value}"))
            .Concat(RejectedEvents.Select(e => $"R {e.Key} {e.Value}"))
            .Concat(Gaps.Select(e => $"G {e.Key} {e.Value}"))
            .Concat(OpenWindows.Select(e => $"O {e.Key} {e.Value}"))
            .Concat(Checkpoints.Select(e => $"C {e.Key} {e.Value}")));
}
