namespace RealtimeSales.Web.Sales;

/// <summary>Everything in the sales database so far.</summary>
/// <param name="Revenue">The sum of every closed window.</param>
/// <param name="Events">Events counted in those windows.</param>
/// <param name="WindowRows">Rows of <c>window_revenue</c>: one per store and window.</param>
/// <param name="Stores">Stores with at least one closed window.</param>
/// <param name="LateEvents">Rows of <c>late_events</c>, never part of revenue.</param>
/// <param name="RejectedEvents">Rows of <c>rejected_events</c>.</param>
/// <param name="LastClosedAt">When the newest window row was written.</param>
internal sealed record SalesTotals(decimal Revenue, long Events, int WindowRows, int Stores, long LateEvents, long RejectedEvents, DateTime? LastClosedAt)
{
    public static SalesTotals None { get; } = new(0, 0, 0, 0, 0, 0, null);
}
