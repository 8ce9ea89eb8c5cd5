namespace RealtimeSales.Web.Sales;

/// <summary>The Sales page's API: the sales view now, then again whenever a window closes.</summary>
internal static class SalesEndpoints
{
    public const int DefaultWindows = 20;
    public const int MaxWindows = 200;

    public static void MapSalesApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/sales/stream", (int? windows, SalesReader sales, HttpContext http) =>
            TypedResults.ServerSentEvents(sales.WatchAsync(Math.Clamp(windows ?? DefaultWindows, 1, MaxWindows), LiveStream.Lifetime(http)), "sales"));
}
