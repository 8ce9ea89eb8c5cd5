using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>What a unit needs before it starts, and what it must be stopped before.</summary>
/// <param name="Healthy">Resources that must be running and healthy first (<c>WaitFor</c>; a database's server).</param>
/// <param name="ConnectionStrings">Resources whose connection strings it receives (<c>WithReference</c>).</param>
/// <param name="StopBefore">Resources it uses in any way: it is stopped before them.</param>
internal sealed record UnitDependencies(
    IReadOnlyList<IResource> Healthy, IReadOnlyList<IResourceWithConnectionString> ConnectionStrings, IReadOnlyList<IResource> StopBefore)
{
    public static UnitDependencies Of(Resource resource, bool startsOwnServer)
    {
        List<IResource> healthy = [.. resource.WaitsFor];
        if (startsOwnServer && resource.Parent is { } parent && !healthy.Contains(parent))
        {
            healthy.Add(parent);
        }

        IResource[] stopBefore = [.. resource.WaitsFor, .. resource.References, .. resource.Parent is null ? [] : new[] { resource.Parent }];
        return new UnitDependencies(healthy, resource.References, stopBefore.Distinct().ToList());
    }

    /// <summary>Waits until every dependency is ready; returns the connection strings, by resource name.</summary>
    /// <exception cref="DistributedApplicationException">A dependency failed to start.</exception>
    public async Task<IReadOnlyDictionary<string, string>> WaitAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        foreach (var dependency in Healthy)
        {
            await notifications.WaitAsync(dependency.Name, units => units.All(unit => unit.IsHealthy), Failure(dependency), cancellationToken);
        }

        var connectionStrings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in ConnectionStrings)
        {
            var units = await notifications.WaitAsync(source.Name, units => units.All(unit => unit.ConnectionString is not null),
                Failure(source), cancellationToken);
            connectionStrings[source.Name] = units[0].ConnectionString!;
        }

        return connectionStrings;
    }

    // The reason is the dependency's own error; repeating it down a chain of dependents would only bury it.
    private static Func<IReadOnlyList<ResourceSnapshot>, string?> Failure(IResource dependency) => units =>
        units.Any(unit => unit.State == ResourceState.FailedToStart) ? $"it waits for '{dependency.Name}', which failed to start" : null;
}
