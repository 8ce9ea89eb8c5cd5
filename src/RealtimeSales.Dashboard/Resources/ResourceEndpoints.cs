using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RealtimeSales.Hosting;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Dashboard.Resources;

/// <summary>The Resources page's API: the live state of every unit, the unmasked secrets on request, and the commands.</summary>
internal static class ResourceEndpoints
{
    public static void MapResourceApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/resources/stream", (ResourceNotificationService notifications, HttpContext http) =>
            TypedResults.ServerSentEvents(Views(notifications.WatchAsync(LiveStream.Lifetime(http))), "resource"));
        api.MapGet("/resources/{name}/secrets", Secrets);
        api.MapPost("/resources/{name}/{command}", RunCommandAsync);
    }

    private static async IAsyncEnumerable<ResourceView> Views(IAsyncEnumerable<ResourceSnapshot> snapshots)
    {
        await foreach (var snapshot in snapshots)
        {
            yield return ResourceView.From(snapshot);
        }
    }

    /// <summary>The connection string and endpoints as they are: asked for by the "show" button, never pushed.</summary>
    private static Results<Ok<ResourceSecrets>, ProblemHttpResult> Secrets(string name, ResourceNotificationService notifications)
    {
        if (Find(notifications, name) is not { } snapshot)
        {
            return TypedResults.Problem($"There is no resource named '{name}'.", statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(new ResourceSecrets(snapshot.ConnectionString, [.. snapshot.Endpoints.Select(endpoint =>
            new EndpointView(endpoint.Name, endpoint.Address, endpoint.Name == "http"))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RunCommandAsync(string name, string command,
        ResourceNotificationService notifications, ResourceCommandService commands, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        if (!ResourceCommands.IsKnown(command))
        {
            return TypedResults.Problem($"'{command}' is not a command; use start, stop or restart.", statusCode: StatusCodes.Status404NotFound);
        }

        if (Find(notifications, name) is null)
        {
            return TypedResults.Problem($"There is no resource named '{name}'.", statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            // The dashboard's lifetime, not the request's: leaving the page must not abandon a stop half-way.
            await ResourceCommands.RunAsync(commands, command, name, lifetime.ApplicationStopping);
            return TypedResults.NoContent();
        }
        catch (DistributedApplicationException e)
        {
            Log.CommandFailed(loggers.CreateLogger(typeof(ResourceEndpoints)), command, name, e.Message);
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: $"Could not {command} {name}");
        }
    }

    private static ResourceSnapshot? Find(ResourceNotificationService notifications, string name) =>
        notifications.GetSnapshots().FirstOrDefault(unit => string.Equals(unit.Name, name, StringComparison.OrdinalIgnoreCase));
}
