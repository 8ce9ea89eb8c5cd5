using RealtimeSales.Testing;
using RealtimeSales.Testing.Aspire;

namespace RealtimeSales.AppHost.Tests;

/// <summary>A wait that runs out says which resource, in what state, and what it last wrote (Aspire #5633, #6871).</summary>
[Collection(AppHostCollection.Name)]
public sealed class WaitTimeoutTests
{
    [Fact]
    public async Task AWaitThatTimesOutNamesTheResourceItsStateAndItsLastLogLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var nobody = FreePorts.Loopback();
        await using var app = await SalesApp.StartAsync(
        [
            $"--ConnectionStrings:kafka=127.0.0.1:{nobody}",
            $"--ConnectionStrings:salesdb=Host=127.0.0.1;Port={nobody};Username=postgres;Password=secret;Database=salesdb;Timeout=1",
        ], ct);

        var kafka = await Assert.ThrowsAsync<TimeoutException>(() => app.WaitForHealthyAsync("kafka", TimeSpan.FromSeconds(8), ct));
        var aggregator = await Assert.ThrowsAsync<TimeoutException>(() => app.WaitForHealthyAsync("aggregator", TimeSpan.FromSeconds(2), ct));

        Assert.Contains("Timed out after 8 s waiting for resource 'kafka' to be healthy.", kafka.Message, StringComparison.Ordinal);
        Assert.Contains("'kafka' is Running (Unhealthy)", kafka.Message, StringComparison.Ordinal);
        Assert.Contains("Timed out after 2 s waiting for resource 'aggregator' to be healthy.", aggregator.Message, StringComparison.Ordinal);
        Assert.Matches(@"'aggregator[^']*' is Waiting \(", aggregator.Message);
        Assert.Matches(@"'aggregator[^']*' is Waiting \([^)]*\)(; its last log lines:|\s+and has written nothing)", aggregator.Message);
    }
}
