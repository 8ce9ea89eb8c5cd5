using System.Globalization;

namespace RealtimeSales.Web.Sales;

/// <summary>What the Sales page shows: totals, the latest windows (newest first) and the top stores.</summary>
/// <param name="Problem">Why there is nothing to show (the database is not up, the tables are not created yet); null when fine.</param>
/// <param name="Totals">Everything so far.</param>
/// <param name="Windows">The latest windows, newest first.</param>
/// <param name="TopStores">The stores with the most revenue over all closed windows.</param>
internal sealed record SalesView(string? Problem, SalesTotals Totals, IReadOnlyList<WindowSummary> Windows, IReadOnlyList<StoreRevenue> TopStores)
{
    public static SalesView Unavailable(string problem) => new(problem, SalesTotals.None, [], []);

    /// <summary>Changes exactly when a window closes or a late or rejected event is stored, or the problem changes.</summary>
    public string ChangeKey() => string.Create(CultureInfo.InvariantCulture,
        $"{Problem}|{Totals.WindowRows}|{Totals.LastClosedAt:O}|{Totals.LateEvents}|{Totals.RejectedEvents}");
}
