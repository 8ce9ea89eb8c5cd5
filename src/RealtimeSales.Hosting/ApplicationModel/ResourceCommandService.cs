using RealtimeSales.Hosting.Orchestration;

namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>
/// Commands on single resources while the application runs: stop, start, restart, kill. Each returns once done,
/// and its effect shows in <see cref="ResourceNotificationService"/>. A resource name with several replicas
/// applies the command to all of them; a replica's own name (<c>aggregator-1</c>) to that one only.
/// </summary>
/// <remarks>A resource that exits or is killed stays down until started again: the AppHost does not restart it by itself, as in Aspire.</remarks>
public sealed class ResourceCommandService
{
    private readonly ApplicationOrchestrator _orchestrator;

    internal ResourceCommandService(ApplicationOrchestrator orchestrator) => _orchestrator = orchestrator;

    /// <summary>Starts a resource that is not running (after a stop, crash or kill), once its dependencies are ready.</summary>
    /// <exception cref="DistributedApplicationException">It failed to start, or it is external.</exception>
    public Task StartResourceAsync(string name, CancellationToken cancellationToken = default) =>
        ForEachAsync(name, unit => unit.StartAsync(cancellationToken));

    /// <summary>Asks a resource to exit (SIGTERM; PostgreSQL: fast shutdown), killing it after 10 s.</summary>
    public Task StopResourceAsync(string name, CancellationToken cancellationToken = default) =>
        ForEachAsync(name, unit => unit.StopAsync(cancellationToken));

    /// <summary>Stops, then starts; the snapshot's restart count goes up by one.</summary>
    public Task RestartResourceAsync(string name, CancellationToken cancellationToken = default) =>
        ForEachAsync(name, async unit =>
        {
            await unit.StopAsync(cancellationToken);
            await unit.StartAsync(cancellationToken);
        });

    /// <summary>Kills a resource's process at once (SIGKILL), as a crash would; for tests of recovery.</summary>
    public Task KillResourceAsync(string name, CancellationToken cancellationToken = default) =>
        ForEachAsync(name, unit => unit.KillAsync(cancellationToken));

    private Task ForEachAsync(string name, Func<UnitController, Task> command)
    {
        var units = _orchestrator.Find(name);
        if (units.FirstOrDefault(unit => unit.Runner.IsExternal) is { } external)
        {
            throw new DistributedApplicationException(
                $"'{external.Name}' is external (given by ConnectionStrings:{external.Resource.Name}): the AppHost does not start or stop it.");
        }

        return Task.WhenAll(units.Select(command));
    }
}
