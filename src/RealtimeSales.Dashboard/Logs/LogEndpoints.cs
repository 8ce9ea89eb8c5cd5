using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Dashboard.Logs;

/// <summary>The Console logs page's API: one unit's kept lines, then its live tail.</summary>
internal static class LogEndpoints
{
    public static void MapLogApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/logs/{name}/stream", (string name, ResourceNotificationService notifications, ResourceLoggerService logs, HttpContext http) =>
            notifications.GetSnapshots().Any(unit => string.Equals(unit.Name, name, StringComparison.OrdinalIgnoreCase))
                ? Results.ServerSentEvents(Lines(logs.WatchAsync(name, LiveStream.Lifetime(http))), "line")
                : Results.Problem($"There is no resource named '{name}'.", statusCode: StatusCodes.Status404NotFound));

    private static async IAsyncEnumerable<LogLineView> Lines(IAsyncEnumerable<ResourceLogLine> lines)
    {
        await foreach (var line in lines)
        {
            yield return LogLineView.From(line);
        }
    }
}
