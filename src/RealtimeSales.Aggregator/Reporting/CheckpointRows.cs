using RealtimeSales.Aggregator.Checkpoints;

namespace RealtimeSales.Aggregator.Reporting;

/// <summary>What one checkpoint transaction wrote, by table: the numbers on its trace span.</summary>
/// <param name="Partitions">Partitions whose <c>partition_checkpoints</c> row it moved on.</param>
/// <param name="ClosedWindows">Rows added to <c>window_revenue</c> (a partition's share of a window each).</param>
/// <param name="ChangedOpenWindows">Rows of <c>open_windows</c> inserted or updated.</param>
/// <param name="DeletedOpenWindows">Rows of <c>open_windows</c> deleted (their windows closed).</param>
/// <param name="LateEvents">Rows added to <c>late_events</c>.</param>
/// <param name="RejectedEvents">Rows added to <c>rejected_events</c>.</param>
/// <param name="DataGaps">Rows added to <c>data_gaps</c>.</param>
internal sealed record CheckpointRows(
    int Partitions, int ClosedWindows, int ChangedOpenWindows, int DeletedOpenWindows, int LateEvents, int RejectedEvents, int DataGaps)
{
    /// <summary>The rows <paramref name="committed"/> wrote.</summary>
    public static CheckpointRows Of(IReadOnlyCollection<PartitionDelta> committed) => new(
        committed.Count,
        committed.Sum(delta => delta.Changes.ClosedWindows.Count),
        committed.Sum(delta => delta.Changes.ChangedOpenWindows.Count),
        committed.Sum(delta => delta.Changes.DeletedOpenWindows.Count),
        committed.Sum(delta => delta.Changes.LateEvents.Count),
        committed.Sum(delta => delta.Changes.RejectedEvents.Count),
        committed.Sum(delta => delta.Changes.Gaps.Count));
}
