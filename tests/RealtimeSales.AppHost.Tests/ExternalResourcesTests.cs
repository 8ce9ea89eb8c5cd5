using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using RealtimeSales.Testing;
using RealtimeSales.Testing.Aspire;
using RealtimeSales.Testing.Postgres;

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

        await app.WaitForHealthyAsync("aggregator", SalesApp.StartTimeout, ct);
        var model = app.App.Services.GetRequiredService<DistributedApplicationModel>();
        Assert.DoesNotContain(model.Resources, resource => resource.Name == "postgres");
        foreach (var resource in (string[])["kafka", "salesdb"])
        {
            // AddConnectionString: a parameter holding the configured value, as Aspire 13.6 shows it, not a process.
            Assert.Equal("Parameter", app.Snapshot(resource).ResourceType);
            Assert.Null(WorkerProcesses.ReportedProcessId(app.Instance(resource)));
            await app.WaitForHealthyAsync(resource, SalesApp.StartTimeout, ct);
        }

        Assert.Equal(broker.BootstrapServers, await app.ConnectionStringAsync("kafka", ct));
        Assert.Equal(database, await app.ConnectionStringAsync("salesdb", ct));

        var report = await app.CheckExactlyOnceAsync(ct);

        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(10_000, report.Actual.EventCount);
    }
}
