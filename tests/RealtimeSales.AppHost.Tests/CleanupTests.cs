using System.Diagnostics;
using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Testing;
using RealtimeSales.Testing;

namespace RealtimeSales.AppHost.Tests;

/// <summary>Disposing the application leaves nothing behind, promptly.</summary>
[Collection(AppHostCollection.Name)]
public sealed class CleanupTests
{
    [Fact]
    public async Task AfterDisposeNoProcessOfTheApplicationIsLeft()
    {
        var ct = TestContext.Current.CancellationToken;
        var app = await SalesApp.StartAsync(SalesApp.Arguments(new ProducerSettings(MaxEvents: 0, EventsPerSecond: 500, Seed: 3)), ct);
        HashSet<int> processes = [];
        try
        {
            await app.WaitForResourceHealthyAsync("aggregator", cancellationToken: ct);
            await app.WaitForResourceHealthyAsync("producer", cancellationToken: ct);
            Collect(app, processes);

            // A restarted resource is a new process: the old one must be gone, the new one tracked.
            await app.RestartResourceAsync("aggregator", cancellationToken: ct);
            await app.WaitForResourceHealthyAsync("aggregator", cancellationToken: ct);
            Assert.Equal(1, app.ResourceNotifications.GetSnapshot("aggregator").Restarts);
            Collect(app, processes);
            Assert.True(processes.Count >= 6, $"expected the broker, the server and its backends, and three workers: {string.Join(", ", processes)}");
        }
        finally
        {
            var disposing = Stopwatch.StartNew();
            await app.DisposeAsync();
            TestContext.Current.SendDiagnosticMessage($"dispose took {disposing.Elapsed.TotalSeconds:0.0} s");
            Assert.True(disposing.Elapsed < TimeSpan.FromSeconds(30), $"dispose took {disposing.Elapsed}");
        }

        var alive = processes.Where(ProcessTree.IsAlive).ToList();
        Assert.True(alive.Count == 0, "still alive after dispose: " + string.Join("; ", alive.Select(ProcessTree.Describe)));
    }

    /// <summary>Every unit's process and what it started (PostgreSQL's backends).</summary>
    private static void Collect(Hosting.DistributedApplication app, HashSet<int> processes)
    {
        foreach (var unit in app.ResourceNotifications.GetSnapshots())
        {
            if (unit.ProcessId is { } pid)
            {
                processes.Add(pid);
                processes.UnionWith(ProcessTree.DescendantsOf(pid));
            }
        }

        Assert.All(app.ResourceNotifications.GetSnapshots().Where(unit => unit.ResourceType != "PostgresDatabase"),
            unit => Assert.NotNull(unit.ProcessId));
        Assert.Equal(ResourceState.Running, app.ResourceNotifications.GetSnapshot("kafka").State);
    }
}
