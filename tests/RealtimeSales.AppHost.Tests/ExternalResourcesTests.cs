using RealtimeSales.Hosting;
using RealtimeSales.Hosting.Postgres;
using RealtimeSales.Hosting.Testing;
using RealtimeSales.Testing;

namespace RealtimeSales.AppHost.Tests;

/// <summary>Kafka and PostgreSQL given by connection strings: the AppHost uses them and starts neither.</summary>
[Collection(AppHostCollection.Name)]
public sealed class ExternalResourcesTests
{
    [Fact]
    public async Task ExternalKafkaAndPostgresAreUsedAsGivenAndNothingIsStartedForThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 6, ct);
        await using var server = await LocalPostgres.StartAsync(new LocalPostgresOptions(), ct);
        await server.CreateDatabaseAsync("external_sales", ct);
        var database = server.ConnectionString("external_sales");

        await using var app = await SalesApp.StartAsync(SalesApp.Arguments(
            new ProducerSettings(MaxEvents: 10_000, EventsPerSecond: 3_000, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 29),
            $"--ConnectionStrings:kafka={broker.BootstrapServers}", $"--ConnectionStrings:salesdb={database}"), ct);

        await app.WaitForResourceHealthyAsync("aggregator", cancellationToken: ct);
        foreach (var resource in (string[])["kafka", "postgres", "salesdb"])
        {
            var unit = app.ResourceNotifications.GetSnapshot(resource);
            Assert.True(unit.IsExternal, $"{resource} should be external: {unit}");
            Assert.Null(unit.ProcessId);
            Assert.True(unit.IsHealthy, $"{resource} should be healthy: {unit}");
        }

        Assert.Equal(broker.BootstrapServers, await app.GetConnectionStringAsync("kafka", cancellationToken: ct));
        Assert.Equal(database, await app.GetConnectionStringAsync("salesdb", cancellationToken: ct));
        await app.WaitForLogAsync("kafka", $"Using the external Kafka at {broker.BootstrapServers}", cancellationToken: ct);
        await Assert.ThrowsAsync<DistributedApplicationException>(() => app.ResourceCommands.StopResourceAsync("kafka", ct));

        var report = await SalesApp.CheckExactlyOnceAsync(app, ct);

        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(10_000, report.Actual.EventCount);
    }
}
