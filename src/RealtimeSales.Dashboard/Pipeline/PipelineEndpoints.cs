using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RealtimeSales.Dashboard.Pipeline;

/// <summary>The Pipeline page's API: the last five minutes of samples, then one a second.</summary>
internal static class PipelineEndpoints
{
    public static void MapPipelineApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/pipeline/stream", (PipelineMonitor monitor, HttpContext http) =>
            TypedResults.ServerSentEvents(monitor.WatchAsync(LiveStream.Lifetime(http)), "sample"));
}
