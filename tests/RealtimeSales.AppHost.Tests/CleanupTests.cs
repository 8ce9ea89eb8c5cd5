using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using RealtimeSales.Testing;
using RealtimeSales.Testing.Aspire;

namespace RealtimeSales.AppHost.Tests;

/// <summary>Disposing the application leaves nothing behind, promptly: no process, no data directory.</summary>
[Collection(AppHostCollection.Name)]
public sealed class CleanupTests
{
    [Fact]
    public async Task AfterDisposeNoProcessOfTheApplicationIsLeft()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = ProcessTree.DescendantsOf(Environment.ProcessId);
        var app = await SalesApp.StartAsync(SalesApp.Arguments(new ProducerSettings(MaxEvents: 0, EventsPerSecond: 500, Seed: 3)), ct);
        HashSet<int> processes = [];
        string dataDirectory;
        try
        {
            foreach (var resource in (string[])["producer", "aggregator", "web"])
            {
                await app.WaitForHealthyAsync(resource, SalesApp.StartTimeout, ct);
            }

            // A restarted resource is a new process: the old one must be gone, the new one tracked.
            var first = app.WorkerProcess("aggregator", "RealtimeSales.Aggregator");
            await app.CommandAsync("aggregator", KnownResourceCommands.RestartCommand, ct);
            await app.WaitForHealthyAsync("aggregator", SalesApp.StartTimeout, ct);
            Assert.NotEqual(first, app.WorkerProcess("aggregator", "RealtimeSales.Aggregator"));
            Assert.False(ProcessTree.IsAlive(first), ProcessTree.Describe(first));

            // DCP, the dashboard-less orchestration, the broker, PostgreSQL and its backends, the workers and their wrappers.
            processes.UnionWith(ProcessTree.DescendantsOf(Environment.ProcessId).Except(before));
            Assert.Contains(processes, pid => ProcessTree.CommandLine(pid).Contains("RealtimeSales.DevBroker.dll", StringComparison.Ordinal));
            Assert.Contains(processes, pid => ProcessTree.CommandLine(pid).Contains("postgres -D", StringComparison.Ordinal));
            dataDirectory = Assert.Single(Directory.GetDirectories(Path.GetTempPath(), $"realtimesales-apphost-pg-{Environment.ProcessId}-*"));
        }
        finally
        {
            var disposing = Stopwatch.StartNew();
            await app.DisposeAsync();
            TestContext.Current.SendDiagnosticMessage($"dispose took {disposing.Elapsed.TotalSeconds:0.0} s");
            // Bounded, not fast: Aspire.Hosting.Testing's dispose took 25-30 s after a restart command here (30.1 s once in CI,
            // cause not found yet); a user's stop is AppHostProcessTests' (under 15 s, 2.6 s measured).
            Assert.True(disposing.Elapsed < TimeSpan.FromSeconds(60), $"dispose took {disposing.Elapsed}");
        }

        var alive = await ProcessTree.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(10), ct);
        Assert.True(alive.Count == 0, "still alive after dispose: " + string.Join("; ", alive.Select(ProcessTree.Describe)));
        Assert.False(Directory.Exists(dataDirectory), $"{dataDirectory} is still there");
    }
}
