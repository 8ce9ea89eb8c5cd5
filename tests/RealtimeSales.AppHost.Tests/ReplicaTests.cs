using System.Text.RegularExpressions;
using RealtimeSales.Hosting;
using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Testing;
using RealtimeSales.Testing;

namespace RealtimeSales.AppHost.Tests;

/// <summary>Replicas of the aggregator share the partitions through their consumer group.</summary>
[Collection(AppHostCollection.Name)]
public sealed partial class ReplicaTests
{
    [Fact]
    public async Task ThreeAggregatorReplicasSpreadTwelvePartitionsAndStillCountExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await SalesApp.StartAsync(SalesApp.Arguments(
            new ProducerSettings(MaxEvents: 30_000, EventsPerSecond: 3_000, Stores: 60, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 23)), ct,
            builder =>
            {
                builder.CreateResourceBuilder<KafkaResource>("kafka").WithPartitions(12);
                builder.CreateResourceBuilder<ProjectResource>("aggregator").WithReplicas(3);
            });

        string[] replicas = ["aggregator-0", "aggregator-1", "aggregator-2"];
        Assert.Equal(replicas, app.ResourceNotifications.GetSnapshots("aggregator").Select(unit => unit.Name));
        await app.WaitForResourceHealthyAsync("aggregator", cancellationToken: ct);
        await Eventually.WaitUntilAsync(
            () => Task.FromResult(replicas.All(replica => app.GetResourceLogs(replica).Any(line => NonEmptyAssignment().IsMatch(line)))),
            SalesApp.SettleTimeout, "every replica to be assigned some partitions", () => app.Describe(replicas), ct);

        var report = await SalesApp.CheckExactlyOnceAsync(app, ct);

        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(30_000, report.Actual.EventCount);
        Assert.Contains(app.GetResourceLogs("kafka"), line => line.Contains("topic 'sales' has 12 partitions", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"Assigned partitions \[\d")]
    private static partial Regex NonEmptyAssignment();
}
