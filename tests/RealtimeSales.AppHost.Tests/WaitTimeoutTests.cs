using System.Net;
using System.Net.Sockets;
using RealtimeSales.Hosting.Testing;

namespace RealtimeSales.AppHost.Tests;

/// <summary>A wait that runs out says which resource, in what state, and what it last wrote (Aspire #5633, #6871).</summary>
[Collection(AppHostCollection.Name)]
public sealed class WaitTimeoutTests
{
    [Fact]
    public async Task AWaitThatTimesOutNamesTheResourceItsStateAndItsLastLogLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var nobody = UnusedPort();
        await using var app = await SalesApp.StartAsync(
        [
            $"--ConnectionStrings:kafka=127.0.0.1:{nobody}",
            $"--ConnectionStrings:salesdb=Host=127.0.0.1;Port={nobody};Username=postgres;Password=secret;Database=salesdb;Timeout=1",
        ], ct);

        var kafka = await Assert.ThrowsAsync<ResourceWaitTimeoutException>(
            () => app.WaitForResourceHealthyAsync("kafka", TimeSpan.FromSeconds(5), ct));
        var aggregator = await Assert.ThrowsAsync<ResourceWaitTimeoutException>(
            () => app.WaitForResourceHealthyAsync("aggregator", TimeSpan.FromSeconds(2), ct));

        Assert.Equal("kafka", kafka.ResourceName);
        Assert.Contains("waiting for resource 'kafka' to be healthy", kafka.Message, StringComparison.Ordinal);
        Assert.Contains("It is Running (Unhealthy", kafka.Message, StringComparison.Ordinal);
        Assert.Contains($"kafka| Using the external Kafka at 127.0.0.1:{nobody}", kafka.Message, StringComparison.Ordinal);
        Assert.Contains("kafka| [apphost] unhealthy: metadata request", kafka.Message, StringComparison.Ordinal);
        Assert.Contains("Timed out after 2 s waiting for resource 'aggregator' to be healthy. It is Waiting (for kafka, salesdb)",
            aggregator.Message, StringComparison.Ordinal);
        Assert.Contains("'aggregator' has written nothing", aggregator.Message, StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
