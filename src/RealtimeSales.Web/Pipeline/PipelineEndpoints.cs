namespace RealtimeSales.Web.Pipeline;

/// <summary>The Pipeline page's API: the last five minutes of samples, then one a second.</summary>
internal static class PipelineEndpoints
{
    public static void MapPipelineApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/pipeline/stream", (PipelineMonitor monitor, HttpContext http) =>
            TypedResults.ServerSentEvents(monitor.WatchAsync(LiveStream.Lifetime(http)), "sample"));
}
