using System.Collections.Concurrent;
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
    ResourceNotificationService notifications,
    ILogger<DependentsStopFirst> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _watching = new();

    /// <summary>Each instance's (replica's) latest state, by instance id: only running ones are stopped.</summary>
    private readonly ConcurrentDictionary<string, ResourceEvent> _instances = new(StringComparer.Ordinal);

    private Task _watch = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = Task.Run(async () =>
        {
            await foreach (var update in notifications.WatchAsync(_watching.Token))
            {
                _instances[update.ResourceId] = update;
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var infrastructure = model.Resources.Where(resource => resource.Annotations.OfType<StopsLastAnnotation>().Any()).ToHashSet();
        var dependents = model.Resources
            .Where(resource => resource is ProjectResource or ExecutableResource && !infrastructure.Contains(resource)
                && resource.Annotations.OfType<WaitAnnotation>().Any(wait => infrastructure.Contains(wait.Resource)))
            .ToHashSet();

        // An instance that never started (its wait failed) has nothing to stop, and asking DCP to stop it only logs an error.
        var running = _instances.Values
            .Where(instance => dependents.Contains(instance.Resource) && instance.Snapshot.State?.Text == KnownResourceStates.Running)
            .ToList();
        await _watching.CancelAsync();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var stops = running.Select(instance => commands.ExecuteCommandAsync(instance.ResourceId, KnownResourceCommands.StopCommand, stopping.Token)).ToList();
        try
        {
            // Aspire's stop command returns once a poll of DCP finds the instance finished, and it polls with a backoff that
            // grows to 3 s: it returned up to 6 s after the worker had exited. The instance's state says so at once.
            await Task.WhenAll(running.Select(instance => notifications.WaitForResourceAsync(instance.Resource.Name,
                update => update.ResourceId == instance.ResourceId && KnownResourceStates.TerminalStates.Contains(update.Snapshot.State?.Text),
                timeout.Token)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // DCP's own stop, which follows, ends whatever is still running.
            Log.DependentsStillRunning(logger, s_timeout);
        }
        finally
        {
            // The commands' remaining polls are not needed: they end as cancelled, which Aspire logs at debug level only.
            await stopping.CancelAsync();
            await Task.WhenAll(stops);
        }

        try
        {
            await _watch;
        }
        catch (OperationCanceledException)
        {
            // The watch ends by cancellation.
        }
    }

    public void Dispose() => _watching.Dispose();
}
