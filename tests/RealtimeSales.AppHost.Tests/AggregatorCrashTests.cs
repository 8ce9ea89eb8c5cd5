using Aspire.Hosting.ApplicationModel;
using RealtimeSales.Testing;
using RealtimeSales.Testing.Aspire;

namespace RealtimeSales.AppHost.Tests;

/// <summary>Exactly-once when the aggregator's process is SIGKILLed mid-stream and Aspire starts it again.</summary>
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
            await app.WaitForHealthyAsync("aggregator", SalesApp.StartTimeout, ct);
            Assert.Equal(KnownResourceStates.Running, app.Snapshot("producer").State?.Text);

            // The crash moment itself is what is random: mid catch-up, mid checkpoint, between batches.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 2000)), ct);
            var worker = app.WorkerProcess("aggregator", "RealtimeSales.Aggregator");
            Assert.True(killed.Add(worker), $"process {worker} was killed before: it was not started again");
            WorkerProcesses.Kill(worker);
            Assert.Empty(await ProcessTree.WaitUntilGoneAsync([worker], TimeSpan.FromSeconds(10), ct));

            var crashed = await app.WaitForAsync("aggregator", "stopped after its process was killed",
                e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart", SalesApp.StartTimeout, ct);
            Assert.NotEqual(0, crashed.Snapshot.ExitCode);
            await app.CommandAsync("aggregator", KnownResourceCommands.StartCommand, ct);
        }

        var report = await app.CheckExactlyOnceAsync(ct);

        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(105_000, report.Actual.EventCount);
        Assert.Equal(3, killed.Count);
        Assert.DoesNotContain(app.WorkerProcess("aggregator", "RealtimeSales.Aggregator"), killed);
    }
}
