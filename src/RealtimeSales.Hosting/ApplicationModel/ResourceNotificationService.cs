using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>
/// The current state of every resource and a stream of its changes, after Aspire's service of the same name:
/// the console status view, the testing builder and the dashboard all read resources from here.
/// </summary>
/// <remarks>
/// Names given to the queries are unit names (<c>aggregator-1</c>) or resource names (<c>aggregator</c>, meaning
/// all its replicas), compared case-insensitively as Aspire does.
/// </remarks>
public sealed class ResourceNotificationService
{
    // Snapshots replace older ones, so a watcher that falls this far behind loses only intermediate states.
    private const int WatcherCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly List<ResourceSnapshot> _snapshots = [];
    private readonly List<Channel<ResourceSnapshot>> _watchers = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every unit's latest snapshot, in declaration order.</summary>
    public IReadOnlyList<ResourceSnapshot> GetSnapshots()
    {
        lock (_gate)
        {
            return [.. _snapshots];
        }
    }

    /// <summary>The latest snapshots of the units called <paramref name="name"/>, or of all replicas of the resource of that name.</summary>
    /// <exception cref="ArgumentException">No resource has that name.</exception>
    public IReadOnlyList<ResourceSnapshot> GetSnapshots(string name)
    {
        lock (_gate)
        {
            return Matching(name);
        }
    }

    /// <summary>The latest snapshot of the single unit called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such unit, or <paramref name="name"/> names a resource with several replicas.</exception>
    public ResourceSnapshot GetSnapshot(string name) => Single(name, GetSnapshots(name));

    /// <summary>Every unit's current snapshot, then each new snapshot as it is published, until cancelled.</summary>
    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<ResourceSnapshot>(
            new BoundedChannelOptions(WatcherCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            foreach (var snapshot in _snapshots)
            {
                channel.Writer.TryWrite(snapshot);
            }

            _watchers.Add(channel);
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <summary>Waits until the single unit <paramref name="name"/> has a snapshot matching <paramref name="predicate"/>, and returns it.</summary>
    public async Task<ResourceSnapshot> WaitForResourceAsync(string name, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var matched = await WaitAsync(name, units => units.Count == 1 && predicate(units[0]), _ => null, cancellationToken);
        return Single(name, matched);
    }

    /// <summary>Waits until every unit of <paramref name="name"/> is in <paramref name="state"/>.</summary>
    public Task WaitForResourceAsync(string name, ResourceState state, CancellationToken cancellationToken = default) =>
        WaitAsync(name, units => units.All(unit => unit.State == state), _ => null, cancellationToken);

    /// <summary>Waits until every unit of <paramref name="name"/> runs and reports healthy.</summary>
    /// <exception cref="DistributedApplicationException">A unit failed to start: it never will be healthy by itself.</exception>
    public Task WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        WaitAsync(name, units => units.All(unit => unit.IsHealthy), FailedToStart, cancellationToken);

    /// <summary>Publishes a unit's new snapshot (or its first).</summary>
    internal void Publish(ResourceSnapshot snapshot)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            var index = _snapshots.FindIndex(existing => existing.Name == snapshot.Name);
            if (index >= 0)
            {
                _snapshots[index] = snapshot;
            }
            else
            {
                _snapshots.Add(snapshot);
            }

            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(snapshot);
            }

            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds for the units of <paramref name="name"/>, re-checking after every
    /// publication; <paramref name="failure"/> turns a hopeless state into an exception.
    /// </summary>
    internal async Task<IReadOnlyList<ResourceSnapshot>> WaitAsync(string name, Func<IReadOnlyList<ResourceSnapshot>, bool> done,
        Func<IReadOnlyList<ResourceSnapshot>, string?> failure, CancellationToken cancellationToken)
    {
        while (true)
        {
            IReadOnlyList<ResourceSnapshot> units;
            Task changed;
            lock (_gate)
            {
                units = Matching(name);
                changed = _changed.Task;
            }

            if (failure(units) is { } problem)
            {
                throw new DistributedApplicationException(problem);
            }

            if (done(units))
            {
                return units;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    private static string? FailedToStart(IReadOnlyList<ResourceSnapshot> units) =>
        units.FirstOrDefault(unit => unit.State == ResourceState.FailedToStart) is { } failed
            ? $"Resource '{failed.Name}' failed to start: {failed.Error}"
            : null;

    private static ResourceSnapshot Single(string name, IReadOnlyList<ResourceSnapshot> units) => units.Count == 1
        ? units[0]
        : throw new ArgumentException(
            $"'{name}' has {units.Count} replicas ({string.Join(", ", units.Select(unit => unit.Name))}); name one of them.", nameof(name));

    private List<ResourceSnapshot> Matching(string name)
    {
        var units = _snapshots.FindAll(snapshot => string.Equals(snapshot.Name, name, StringComparison.OrdinalIgnoreCase));
        if (units.Count == 0)
        {
            units = _snapshots.FindAll(snapshot => string.Equals(snapshot.ResourceName, name, StringComparison.OrdinalIgnoreCase));
        }

        return units.Count > 0
            ? units
            : throw new ArgumentException(
                $"There is no resource named '{name}'. Resources: {string.Join(", ", _snapshots.Select(snapshot => snapshot.Name))}.", nameof(name));
    }
}
