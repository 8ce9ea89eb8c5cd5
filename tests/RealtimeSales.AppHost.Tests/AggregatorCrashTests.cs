using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Testing;
using RealtimeSales.Testing;

namespace RealtimeSales.AppHost.Tests;

/// <summary>Exactly-once through the AppHost's own commands: the aggregator is killed mid-stream and started again.</summary>
[Collection(AppHostCollection.Name)]
public sealed class AggregatorCrashTests
{
    [Fact]
    public async Task AggregatorKilledThreeTimesMidStreamStillMatchesTheRecountExactly()
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        TestContext.Current.SendDiagnosticMessage($"kill schedule seed: {seed}");
        await using var app = await SalesApp.StartAsync(SalesApp.Arguments(
            new ProducerSettings(MaxEvents: 105_000, EventsPerSecond: 3_000, LateFraction: 0.02, MalformedFraction: 0.01, Seed: seed)), ct);

        HashSet<int> killed = [];
        for (var kill = 1; kill <= 3; kill++)
        {
            await app.WaitForResourceHealthyAsync("aggregator", cancellationToken: ct);
            Assert.Equal(ResourceState.Running, app.ResourceNotifications.GetSnapshot("producer").State);

            // The crash moment itself is what is random: mid catch-up, mid checkpoint, between batches.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 2000)), ct);
            killed.Add(app.ResourceNotifications.GetSnapshot("aggregator").ProcessId!.Value);
            await app.KillResourceAsync("aggregator", cancellationToken: ct);

            var crashed = app.ResourceNotifications.GetSnapshot("aggregator");
            Assert.Equal(ResourceState.Exited, crashed.State);
            Assert.Equal(137, crashed.ExitCode);
            await app.StartResourceAsync("aggregator", cancellationToken: ct);
        }

        var report = await SalesApp.CheckExactlyOnceAsync(app, ct);

        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(105_000, report.Actual.EventCount);
        Assert.Equal(3, app.ResourceNotifications.GetSnapshot("aggregator").Restarts);
        Assert.Equal(3, killed.Count);
    }
}
