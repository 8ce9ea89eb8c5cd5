using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Testing;
using RealtimeSales.Testing;

namespace RealtimeSales.AppHost.Tests;

/// <summary>The AppHost's application as declared in its Program.cs, end to end.</summary>
[Collection(AppHostCollection.Name)]
public sealed class WholeApplicationTests
{
    [Fact]
    public async Task WholeApplicationStartsAndItsWindowsEqualAnIndependentRecountOfTheTopic()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await SalesApp.StartAsync(SalesApp.Arguments(
            new ProducerSettings(MaxEvents: 30_000, EventsPerSecond: 3_000, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 17)), ct);

        foreach (var resource in (string[])["kafka", "postgres", "salesdb", "aggregator"])
        {
            await app.WaitForResourceHealthyAsync(resource, cancellationToken: ct);
        }

        var report = await SalesApp.CheckExactlyOnceAsync(app, ct);

        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(30_000, report.MessagesInTopic);
        Assert.Equal(30_000, report.Actual.EventCount);
        Assert.NotEmpty(report.Actual.Windows);
        Assert.InRange(report.Actual.Late.Count, 300, 900);
        Assert.InRange(report.Actual.Rejected.Count, 150, 450);
        Assert.Equal(ResourceState.Finished, app.ResourceNotifications.GetSnapshot("producer").State);
        Assert.Equal(0, app.ResourceNotifications.GetSnapshot("producer").ExitCode);
    }

    [Fact]
    public void ProjectsMetadataNamesTheRealProjectFiles()
    {
        Assert.EndsWith("src/RealtimeSales.Producer/RealtimeSales.Producer.csproj", new Projects.RealtimeSales_Producer().ProjectPath, StringComparison.Ordinal);
        Assert.EndsWith("src/RealtimeSales.Aggregator/RealtimeSales.Aggregator.csproj", new Projects.RealtimeSales_Aggregator().ProjectPath, StringComparison.Ordinal);
        Assert.True(File.Exists(new Projects.RealtimeSales_DevBroker().ProjectPath));
        Assert.True(File.Exists(Path.Combine(Projects.RealtimeSales_AppHost.ProjectDirectory, "Program.cs")));
    }
}
