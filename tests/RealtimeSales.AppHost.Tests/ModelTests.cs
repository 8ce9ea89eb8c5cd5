using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using RealtimeSales.Hosting.Kafka;
using RealtimeSales.Hosting.Postgres;

namespace RealtimeSales.AppHost.Tests;

/// <summary>
/// The application model of Program.cs, declared and not built or started: what runs, from what, on which ports, with which
/// settings. The only proof there is here of <c>--Containers=true</c>: no container engine runs on these machines.
/// </summary>
public sealed class ModelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ByDefaultKafkaIsTheDevBrokerAndPostgresTheMachinesServerBothOnPortsAspireAllocates()
    {
        await using var builder = await BuilderAsync();
        var model = builder.Resources;

        var kafka = Assert.IsType<KafkaServerResource>(model.Single(resource => resource.Name == "kafka"));
        var postgres = Assert.IsType<LocalPostgresServerResource>(model.Single(resource => resource.Name == "postgres"));
        var salesdb = Assert.IsType<LocalPostgresDatabaseResource>(model.Single(resource => resource.Name == "salesdb"));
        Assert.Same(postgres, salesdb.Parent);
        Assert.Equal("dotnet", kafka.Command);
        Assert.Equal("setpriv", postgres.Command);
        foreach (var resource in (IResourceWithEndpoints[])[kafka, postgres])
        {
            var endpoint = Assert.Single(resource.Annotations.OfType<EndpointAnnotation>());
            Assert.Null(endpoint.Port);
            Assert.True(endpoint.IsProxied);
            Assert.Equal("127.0.0.1", endpoint.TargetHost);
        }

        Assert.True(postgres.PasswordParameter.Secret);
        Assert.Null(postgres.DataDirectory);
        Assert.Subset(model.Select(resource => resource.Name).ToHashSet(),
            new HashSet<string> { "aggregator", "kafka", "postgres", "postgres-password", "producer", "salesdb", "web", "web-token" });
    }

    [Fact]
    public async Task SettingsGivenToTheAppHostReachTheWorkersAndReplicasAreConfigurable()
    {
        await using var builder = await BuilderAsync(
            "--Aggregator:WindowSize=00:00:05", "--Aggregator:Replicas=2", "--Producer:EventsPerSecond=500", "--Postgres:DataDirectory=.data/pg");
        var model = builder.Resources;

        var aggregator = await EnvironmentAsync(model, "aggregator");
        var producer = await EnvironmentAsync(model, "producer");

        Assert.Equal("00:00:05", aggregator["Aggregator__WindowSize"]);
        Assert.DoesNotContain("Aggregator__Replicas", aggregator.Keys);
        Assert.Equal(2, model.Single(resource => resource.Name == "aggregator").Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
        Assert.Equal("500", producer["Producer__EventsPerSecond"]);
        Assert.DoesNotContain(producer.Keys, key => key.StartsWith("Aggregator__", StringComparison.Ordinal));
        Assert.Equal("{kafka.connectionString}", aggregator["ConnectionStrings__kafka"]);
        Assert.Equal("{salesdb.connectionString}", aggregator["ConnectionStrings__salesdb"]);
        Assert.Equal(Path.GetFullPath(".data/pg"), model.OfType<LocalPostgresServerResource>().Single().DataDirectory);
    }

    [Fact]
    public async Task WithContainersKafkaIsApacheKafkaInKRaftModeAndPostgresIsAspiresContainer()
    {
        await using var builder = await BuilderAsync("--Containers=true");
        var model = builder.Resources;

        var kafka = Assert.IsType<KafkaContainerResource>(model.Single(resource => resource.Name == "kafka"));
        var image = Assert.Single(kafka.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(("docker.io", "apache/kafka", "4.1.0"), (image.Registry, image.Image, image.Tag));
        Assert.Equal(9092, Assert.Single(kafka.Annotations.OfType<EndpointAnnotation>()).TargetPort);
        var environment = await EnvironmentAsync(model, "kafka");
        Assert.Equal("broker,controller", environment["KAFKA_PROCESS_ROLES"]);
        Assert.Equal("PLAINTEXT://{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", environment["KAFKA_ADVERTISED_LISTENERS"]);
        Assert.Equal("1", environment["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]);

        var postgres = Assert.IsType<PostgresServerResource>(model.Single(resource => resource.Name == "postgres"));
        Assert.Equal("library/postgres", Assert.Single(postgres.Annotations.OfType<ContainerImageAnnotation>()).Image);
        Assert.Equal(5432, Assert.Single(postgres.Annotations.OfType<EndpointAnnotation>()).TargetPort);
        Assert.IsType<PostgresDatabaseResource>(model.Single(resource => resource.Name == "salesdb"));

        var aggregator = await EnvironmentAsync(model, "aggregator");
        Assert.Equal("{kafka.connectionString}", aggregator["ConnectionStrings__kafka"]);
        Assert.Equal("{salesdb.connectionString}", aggregator["ConnectionStrings__salesdb"]);
    }

    [Fact]
    public async Task ConnectionStringsGivenToTheAppHostReplaceKafkaAndPostgres()
    {
        await using var builder = await BuilderAsync("--ConnectionStrings:kafka=kafka.example:9092", "--ConnectionStrings:salesdb=Host=db.example;Database=sales");
        var model = builder.Resources;

        Assert.DoesNotContain(model, resource => resource is KafkaServerResource or LocalPostgresServerResource or LocalPostgresDatabaseResource);
        Assert.Equal("kafka.example:9092", await ((IResourceWithConnectionString)model.Single(resource => resource.Name == "kafka")).GetConnectionStringAsync(Ct));
        Assert.Equal("Host=db.example;Database=sales", await ((IResourceWithConnectionString)model.Single(resource => resource.Name == "salesdb")).GetConnectionStringAsync(Ct));
    }

    [Theory]
    [InlineData(new string[0], "00:00:01.5000000")]
    [InlineData(new[] { "--Aggregator:SessionTimeout=00:00:04" }, "00:00:04")]
    [InlineData(new[] { "--ConnectionStrings:kafka=kafka.example:9092" }, null)]
    [InlineData(new[] { "--Containers=true" }, null)]
    public async Task TheAggregatorsSessionIsShortOnlyOnTheAppHostsOwnDevBroker(string[] args, string? expected)
    {
        await using var builder = await BuilderAsync(args);

        var aggregator = await EnvironmentAsync(builder.Resources, "aggregator");

        Assert.Equal(expected, aggregator.GetValueOrDefault("Aggregator__SessionTimeout"));
    }

    /// <summary>The AppHost's builder after its Program.cs has declared everything, before Build: the model, nothing started.</summary>
    private static Task<IDistributedApplicationTestingBuilder> BuilderAsync(params string[] args) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.RealtimeSales_AppHost>(args, Ct);

    /// <summary>The environment as the manifest would give it: references stay expressions, nothing needs to run.</summary>
    private static async Task<Dictionary<string, string>> EnvironmentAsync(IResourceCollection model, string name)
    {
        var resource = (IResourceWithEnvironment)model.Single(resource => resource.Name == name);
#pragma warning disable CS0618 // Its replacement needs a whole publish execution context; this evaluates the same callbacks for a test.
        return await resource.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618
    }
}
