namespace RealtimeSales.Web.Sales;

/// <summary>One store's revenue: in one window, or summed over many.</summary>
internal sealed record StoreRevenue(string Store, decimal Revenue, long Events);
