namespace RealtimeSales.Web.Sales;

/// <summary>One closed window across all stores: <c>[Start, End)</c>, its revenue and each store's part.</summary>
internal sealed record WindowSummary(DateTime Start, DateTime End, decimal Revenue, long Events, IReadOnlyList<StoreRevenue> Stores);
