using Aspire.Hosting.ApplicationModel;
using RealtimeSales.Testing;
using RealtimeSales.Testing.Aspire;

namespace RealtimeSales.AppHost.Tests;

/// <summary>The AppHost's application as declared in its Program.cs, end to end on Aspire.</summary>
[Collection(AppHostCollection.Name)]
public sealed class WholeApplicationTests
{
    [Fact]
    public async Task WholeApplicationStartsAndItsWindowsEqualAnIndependentRecountOfTheTopic()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await SalesApp.StartAsync(SalesApp.Arguments(
            new ProducerSettings(MaxEvents: 30_000, EventsPerSecond: 3_000, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 17)), ct);

        foreach (var resource in (string[])["kafka", "postgres", "salesdb", "aggregator", "web"])
        {
            await app.WaitForHealthyAsync(resource, SalesApp.StartTimeout, ct);
        }

        var report = await app.CheckExactlyOnceAsync(ct);

        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(30_000, report.MessagesInTopic);
        Assert.Equal(30_000, report.Actual.EventCount);
        Assert.NotEmpty(report.Actual.Windows);
        Assert.InRange(report.Actual.Late.Count, 300, 900);
        Assert.InRange(report.Actual.Rejected.Count, 150, 450);
        var producer = await app.WaitForAsync("producer", "finished", e => e.Snapshot.State?.Text == KnownResourceStates.Finished, SalesApp.SettleTimeout, ct);
        Assert.Equal(0, producer.Snapshot.ExitCode);
    }
}
