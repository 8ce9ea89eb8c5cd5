using System.Collections.Concurrent;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace RealtimeSales.Testing.Aspire;

/// <summary>
/// Keeps every resource instance's (each replica's) latest state and the last lines of its console log from the
/// application's start, so that a test can find an instance's process and a failed wait can say what each process
/// last wrote, synchronously, from inside any failure message.
/// </summary>
public sealed class ResourceObserver : IAsyncDisposable
{
    private const int LinesKept = 400;
    private const int LinesShown = 40;

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Queue<string>> _lines = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Task> _watches = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ResourceEvent> _states = new(StringComparer.OrdinalIgnoreCase);
    private Task _resources = Task.CompletedTask;

    private ResourceObserver()
    {
    }

    /// <summary>Starts observing <paramref name="app"/>'s resources; call before starting it.</summary>
    public static ResourceObserver Observe(DistributedApplication app)
    {
        var logs = new ResourceObserver();
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
        logs._resources = Task.Run(async () =>
        {
            await foreach (var update in notifications.WatchAsync(logs._stop.Token))
            {
                logs._states[update.ResourceId] = update;
                _ = logs._watches.GetOrAdd(update.ResourceId, id => Task.Run(() => logs.KeepAsync(loggers, id)));
            }
        });
        return logs;
    }

    /// <summary>The latest state of each instance of <paramref name="resource"/> (one per replica), by instance id.</summary>
    public IReadOnlyList<ResourceEvent> Instances(string resource) =>
        [.. _states.Values.Where(state => IsInstanceOf(state.ResourceId, resource)).OrderBy(state => state.ResourceId, StringComparer.Ordinal)];

    /// <summary>The last lines <paramref name="resourceId"/> wrote.</summary>
    public IReadOnlyList<string> Lines(string resourceId)
    {
        if (!_lines.TryGetValue(resourceId, out var lines))
        {
            return [];
        }

        lock (lines)
        {
            return [.. lines];
        }
    }

    /// <summary>Whether any of <paramref name="resource"/>'s instances (replicas) wrote a line matching <paramref name="match"/>.</summary>
    public bool Any(string resource, Func<string, bool> match) =>
        _lines.Keys.Where(id => IsInstanceOf(id, resource)).Any(id => Lines(id).Any(match));

    /// <summary>Each instance of the named resources: its state, health and exit code, and its last log lines.</summary>
    public string Describe(IEnumerable<string> resources)
    {
        var text = new StringBuilder();
        foreach (var resource in resources)
        {
            var instances = _states.Keys.Where(id => IsInstanceOf(id, resource)).Order().ToList();
            if (instances.Count == 0)
            {
                text.AppendLine($"'{resource}': no state and no log seen.");
            }

            foreach (var id in instances)
            {
                var state = _states.TryGetValue(id, out var current) ? Describe(current.Snapshot) : "in no state seen";
                var lines = Lines(id);
                text.AppendLine(lines.Count == 0
                    ? $"'{id}' is {state} and has written nothing."
                    : $"'{id}' is {state}; its last log lines:");
                foreach (var line in lines.TakeLast(LinesShown))
                {
                    text.AppendLine($"  {id}| {line}");
                }
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll([_resources, .. _watches.Values]);
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        _stop.Dispose();
    }

    private static string Describe(CustomResourceSnapshot snapshot) =>
        $"{snapshot.State?.Text ?? "in no state"} ({snapshot.HealthStatus?.ToString() ?? "no health"}" +
        (snapshot.ExitCode is { } exitCode ? $", exit code {exitCode})" : ")");

    /// <summary>
    /// Whether <paramref name="id"/> (<c>aggregator-xkcd1</c>: DCP names each replica after its resource) is an instance
    /// of <paramref name="resource"/>, by the resource its states name; its name alone would make <c>postgres-password</c> a
    /// replica of <c>postgres</c>.
    /// </summary>
    private bool IsInstanceOf(string id, string resource) =>
        _states.TryGetValue(id, out var state) && string.Equals(state.Resource.Name, resource, StringComparison.OrdinalIgnoreCase);

    private async Task KeepAsync(ResourceLoggerService loggers, string resourceId)
    {
        var lines = _lines.GetOrAdd(resourceId, _ => new Queue<string>());
        await foreach (var batch in loggers.WatchAsync(resourceId).WithCancellation(_stop.Token))
        {
            lock (lines)
            {
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                    if (lines.Count > LinesKept)
                    {
                        lines.Dequeue();
                    }
                }
            }
        }
    }
}
