using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>
/// Runs the application's units: starts them all at once (each waits for its own dependencies), stops them
/// dependents first, and carries out commands on single resources.
/// </summary>
internal sealed class ApplicationOrchestrator : IHostedService
{
    private readonly List<UnitController> _units = [];
    private readonly ILogger _logger;
    private int _disposed;

    public ApplicationOrchestrator(DistributedApplicationModel model, AppHostInfo appHost, IConfiguration configuration, IHostEnvironment environment,
        ResourceNotificationService notifications, ResourceLoggerService logs, ILogger<ApplicationOrchestrator> logger)
    {
        _logger = logger;
        var runners = new RunnerFactory(appHost, configuration, environment.EnvironmentName);
        foreach (var resource in model.Resources)
        {
            var replicas = resource is ProjectResource project ? project.Replicas : 1;
            var dependencies = UnitDependencies.Of(resource, runners.StartsOwnServer(resource));
            for (var replica = 0; replica < replicas; replica++)
            {
                var name = replicas == 1 ? resource.Name : $"{resource.Name}-{replica}";
                var log = logs.For(name, resource.Name);
                _units.Add(new UnitController(name, resource, runners.Create(resource, name, log), log, dependencies, notifications, logger));
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var unit in _units)
        {
            _ = StartInBackgroundAsync(unit);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops every unit, dependents first, then releases what the runners hold (a per-run data directory).</summary>
    /// <param name="cancellationToken">When it fires, whatever still runs is killed.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var unit in _units)
        {
            unit.CancelRun();
        }

        try
        {
            foreach (var level in StopLevels())
            {
                Log.Stopping(_logger, string.Join(", ", level.Select(unit => unit.Name)));
                await Task.WhenAll(level.Select(unit => unit.StopAsync(cancellationToken)));
            }
        }
        catch (OperationCanceledException)
        {
            Log.KillingEverything(_logger);
        }

        await ReleaseAsync();
    }

    /// <summary>
    /// Kills whatever still runs (nothing, after a graceful stop; the rest, when a bounded dispose ran out of time)
    /// and releases what the runners hold, such as a per-run data directory. Runs once.
    /// </summary>
    public async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var unit in _units)
        {
            unit.CancelRun();
            unit.Runner.Kill();
        }

        foreach (var unit in _units)
        {
            try
            {
                if (!unit.Runner.IsExternal)
                {
                    await unit.Runner.Exited.WaitAsync(ResourceRunner.StopGrace);
                }

                await unit.Runner.DisposeAsync();
            }
            catch (Exception e) when (e is TimeoutException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Log.DisposeFailed(_logger, unit.Name, e.Message);
            }
        }
    }

    /// <summary>The units of <paramref name="name"/>: one unit by its own name, or every replica of a resource.</summary>
    /// <exception cref="ArgumentException">No such resource.</exception>
    public IReadOnlyList<UnitController> Find(string name)
    {
        var units = _units.FindAll(unit => string.Equals(unit.Name, name, StringComparison.OrdinalIgnoreCase));
        if (units.Count == 0)
        {
            units = _units.FindAll(unit => string.Equals(unit.Resource.Name, name, StringComparison.OrdinalIgnoreCase));
        }

        return units.Count > 0
            ? units
            : throw new ArgumentException($"There is no resource named '{name}'. Resources: {string.Join(", ", _units.Select(unit => unit.Name))}.", nameof(name));
    }

    private static async Task StartInBackgroundAsync(UnitController unit)
    {
        try
        {
            await unit.StartAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DistributedApplicationException or OperationCanceledException)
        {
            // Published as the unit's state (FailedToStart, or stopped while it waited).
        }
    }

    /// <summary>Units grouped so that each group only uses units of later groups: dependents first.</summary>
    internal IEnumerable<List<UnitController>> StopLevels()
    {
        var depths = new Dictionary<IResource, int>();
        return _units
            .Where(unit => !unit.Runner.IsExternal)
            .GroupBy(unit => Depth(unit.Resource, depths, []))
            .OrderByDescending(group => group.Key)
            .Select(group => group.ToList());
    }

    /// <summary>0 for a resource that uses nothing, else one more than the deepest resource it uses.</summary>
    private int Depth(IResource resource, Dictionary<IResource, int> depths, HashSet<IResource> visiting)
    {
        if (depths.TryGetValue(resource, out var depth))
        {
            return depth;
        }

        if (!visiting.Add(resource))
        {
            // Resources waiting for each other in a circle never start; any order stops them.
            return 0;
        }

        var uses = _units.Find(unit => unit.Resource == resource)?.Dependencies.StopBefore ?? [];
        depth = uses.Count == 0 ? 0 : uses.Max(used => Depth(used, depths, visiting) + 1);
        visiting.Remove(resource);
        return depths[resource] = depth;
    }
}
