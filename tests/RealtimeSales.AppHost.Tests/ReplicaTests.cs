using System.Text.RegularExpressions;
using Aspire.Hosting;
using RealtimeSales.Hosting.Kafka;
using RealtimeSales.Testing;
using RealtimeSales.Testing.Aspire;

namespace RealtimeSales.AppHost.Tests;

/// <summary>Replicas of the aggregator (<c>--Aggregator:Replicas=3</c>) share the partitions through their consumer group.</summary>
[Collection(AppHostCollection.Name)]
public sealed partial class ReplicaTests
{
    [Fact]
    public async Task ThreeAggregatorReplicasSpreadTwelvePartitionsAndStillCountExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await SalesApp.StartAsync(SalesApp.Arguments(
            new ProducerSettings(MaxEvents: 30_000, EventsPerSecond: 3_000, Stores: 60, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 23),
            "--Aggregator:Replicas=3"), ct,
            builder => builder.CreateResourceBuilder<KafkaServerResource>("kafka").WithPartitions(12));

        await Eventually.WaitUntilAsync(
            () => Task.FromResult(app.Resources.Instances("aggregator").Count == 3
                && app.Resources.Instances("aggregator").All(replica => app.Resources.Lines(replica.ResourceId).Any(NonEmptyAssignment().IsMatch))),
            SalesApp.StartTimeout, "three aggregator replicas, each assigned some partitions", () => app.Describe("aggregator"), ct);

        var report = await app.CheckExactlyOnceAsync(ct);

        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(30_000, report.Actual.EventCount);
        await app.WaitForLogLineAsync("kafka", "topic 'sales' has 12 partitions", SalesApp.LogTimeout, ct);
        Assert.Equal(3, app.WorkerProcessesOf("aggregator", "RealtimeSales.Aggregator").Distinct().Count());
    }

    [GeneratedRegex(@"Assigned partitions \[\d")]
    private static partial Regex NonEmptyAssignment();
}
