using Microsoft.Extensions.DependencyInjection;
using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Orchestration;

namespace RealtimeSales.Hosting.Tests;

/// <summary>The engine's rules, on applications declared here (no AppHost assembly, no processes that start for real).</summary>
public sealed class ApplicationTests
{
    [Fact]
    public void ResourceNamesAreUniqueRegardlessOfCase()
    {
        var builder = TestApplications.CreateBuilder();
        builder.AddKafka("kafka");

        var error = Assert.Throws<DistributedApplicationException>(() => builder.AddPostgres("Kafka"));

        Assert.Contains("already has Kafka 'kafka'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryUnitIsVisibleAsNotStartedOnceBuiltAndReplicasAreNamedAfterTheirResource()
    {
        var builder = TestApplications.CreateBuilder();
        builder.AddProject<MissingProject>("aggregator").WithReplicas(3);
        await using var app = builder.Build();

        var units = app.ResourceNotifications.GetSnapshots("aggregator");

        Assert.Equal(["aggregator-0", "aggregator-1", "aggregator-2"], units.Select(unit => unit.Name));
        Assert.All(units, unit => Assert.Equal((ResourceState.NotStarted, "aggregator", "Project"), (unit.State, unit.ResourceName, unit.ResourceType)));
        Assert.Throws<ArgumentException>(() => app.ResourceNotifications.GetSnapshot("aggregator"));
    }

    [Fact]
    public async Task ProjectsStopBeforeWhatTheyUseAndDatabasesBeforeTheirServer()
    {
        var builder = TestApplications.CreateBuilder();
        var kafka = builder.AddKafka("kafka");
        var salesdb = builder.AddPostgres("postgres").AddDatabase("salesdb");
        builder.AddProject<MissingProject>("producer").WithReference(kafka).WaitFor(kafka);
        builder.AddProject<MissingProject>("aggregator").WithReference(kafka).WithReference(salesdb).WaitFor(kafka).WaitFor(salesdb);
        await using var app = builder.Build();

        var levels = app.Services.GetRequiredService<ApplicationOrchestrator>().StopLevels()
            .Select(level => string.Join(" ", level.Select(unit => unit.Name))).ToList();

        Assert.Equal(["aggregator", "salesdb producer", "kafka postgres"], levels);
    }

    [Fact]
    public async Task AServerThatCannotStartFailsWithItsReasonAndItsDependentsSayWhatTheyWaitedFor()
    {
        var ct = TestContext.Current.CancellationToken;
        var foreignCluster = Directory.CreateTempSubdirectory("realtimesales-foreign-pg-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(foreignCluster.FullName, "PG_VERSION"), "15\n", ct);
            var builder = TestApplications.CreateBuilder();
            var salesdb = builder.AddPostgres("postgres").WithDataDirectory(foreignCluster.FullName).AddDatabase("salesdb");
            builder.AddProject<MissingProject>("aggregator").WithReference(salesdb).WaitFor(salesdb);
            await using var app = builder.Build();

            await app.StartAsync(ct);

            var error = await Assert.ThrowsAsync<DistributedApplicationException>(
                () => app.ResourceNotifications.WaitForResourceHealthyAsync("aggregator", ct).WaitAsync(TimeSpan.FromSeconds(30), ct));
            var postgres = app.ResourceNotifications.GetSnapshot("postgres");
            Assert.Equal(ResourceState.FailedToStart, postgres.State);
            Assert.Contains("realtimesales-credentials.json", postgres.Error, StringComparison.Ordinal);
            Assert.Contains(app.ResourceLogs.GetLogs("postgres"), line => line.Text.StartsWith("[apphost] failed to start: The data directory", StringComparison.Ordinal));
            Assert.Equal("it waits for 'postgres', which failed to start", app.ResourceNotifications.GetSnapshot("salesdb").Error);
            Assert.Equal("Resource 'aggregator' failed to start: it waits for 'salesdb', which failed to start", error.Message);
        }
        finally
        {
            foreignCluster.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AProjectTheAppHostCannotLocateFailsToStartSayingWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApplications.CreateBuilder();
        builder.AddProject<MissingProject>("worker");
        await using var app = builder.Build();

        await app.StartAsync(ct);
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.ResourceCommands.StartResourceAsync("worker", ct));

        Assert.Equal(ResourceState.FailedToStart, app.ResourceNotifications.GetSnapshot("worker").State);
        Assert.Contains("does not say which build configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExternalResourceRunsAsGivenAndRefusesCommands()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApplications.CreateBuilder("--ConnectionStrings:kafka=127.0.0.1:1");
        builder.AddKafka("kafka");
        await using var app = builder.Build();

        await app.StartAsync(ct);
        var kafka = await app.ResourceNotifications.WaitForResourceAsync("kafka", unit => unit.State == ResourceState.Running, ct)
            .WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.True(kafka.IsExternal);
        Assert.Null(kafka.ProcessId);
        Assert.Equal("127.0.0.1:1", kafka.ConnectionString);
        var refused = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.ResourceCommands.KillResourceAsync("kafka", ct));
        Assert.Contains("external", refused.Message, StringComparison.Ordinal);
    }
}
