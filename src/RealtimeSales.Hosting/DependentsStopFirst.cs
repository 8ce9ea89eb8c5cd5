using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RealtimeSales.Hosting;

/// <summary>
/// When the AppHost stops, stops the resources that wait for Kafka or PostgreSQL before DCP stops everything at once.
/// Aspire 13.6 stops all resources together, so a worker lost its broker and database in the middle of its final
/// checkpoint and flush, waited out their timeouts, and a graceful stop took 13 s; stopped first, it takes about one.
/// </summary>
/// <remarks>Registered by our Kafka and PostgreSQL integrations after Aspire's own services, so it is stopped before them.</remarks>
internal sealed class DependentsStopFirst(
    DistributedApplicationModel model,
    ResourceCommandService commands,
    ILogger<DependentsStopFirst> logger) : IHostedService
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var infrastructure = model.Resources.Where(resource => resource.Annotations.OfType<StopsLastAnnotation>().Any()).ToHashSet();
        var dependents = model.Resources
            .Where(resource => resource is ProjectResource or ExecutableResource && !infrastructure.Contains(resource)
                && resource.Annotations.OfType<WaitAnnotation>().Any(wait => infrastructure.Contains(wait.Resource)))
            .ToList();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            // Aspire's stop command returns once DCP reports every instance (replica) finished.
            await Task.WhenAll(dependents.Select(resource => commands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, timeout.Token)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // DCP's own stop, which follows, ends whatever is still running.
            Log.DependentsStillRunning(logger, s_timeout);
        }
    }
}
