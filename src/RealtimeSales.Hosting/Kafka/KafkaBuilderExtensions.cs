using System.Globalization;
using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeSales.Kafka;

namespace RealtimeSales.Hosting.Kafka;

/// <summary>Kafka resources: the DevBroker as a process, Apache Kafka in a container, and a health check for either or an existing cluster.</summary>
public static class KafkaBuilderExtensions
{
    /// <summary>The official Apache Kafka image, pinned: a KRaft broker needs no ZooKeeper.</summary>
    public const string ContainerImage = "apache/kafka";

    public const string ContainerImageTag = "4.1.0";

    public const string ContainerRegistry = "docker.io";

    /// <summary>
    /// Adds the development broker: the DevBroker project's assembly run by DCP with <c>dotnet</c>, on a port Aspire
    /// allocates. Clients bootstrap from DCP's proxy, and the broker advertises that same address in its metadata,
    /// so every connection a client opens goes through the one address of the connection string.
    /// Healthy once a metadata request succeeds; logs <c>kafka: HOST:PORT</c> on the AppHost's console then.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name, also the connection string name.</param>
    public static IResourceBuilder<KafkaServerResource> AddKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var devBroker = DevBrokerAssemblyPath();
        var kafka = new KafkaServerResource(name, Path.GetDirectoryName(devBroker)!);
        return builder.AddResource(kafka)
            .WithEndpoint(KafkaServerResource.PrimaryEndpointName, endpoint => endpoint.TargetHost = "127.0.0.1")
            .WithArgs(context =>
            {
                context.Args.Add(devBroker);
                context.Args.Add("--port");
                context.Args.Add(kafka.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--advertised-port");
                context.Args.Add(kafka.Port);
                context.Args.Add("--partitions");
                context.Args.Add(kafka.Partitions.ToString(CultureInfo.InvariantCulture));
            })
            .WithIconName("DataUsage")
            .StopsAfterDependents()
            .WithKafkaHealthCheck()
            .WithReadyLine(kafka.ConnectionStringExpression);
    }

    /// <summary>Partitions of the DevBroker's topic <c>sales</c> (default 6).</summary>
    public static IResourceBuilder<KafkaServerResource> WithPartitions(this IResourceBuilder<KafkaServerResource> builder, int partitions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        builder.Resource.Partitions = partitions;
        return builder;
    }

    /// <summary>
    /// Adds a single-node Apache Kafka (KRaft: broker and controller in one process) in a container. It advertises the
    /// host-side address DCP allocates, which is where the AppHost's projects connect; topics are created on first use.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name, also the connection string name.</param>
    /// <param name="partitions">Partitions of topics the broker creates on first use, <c>sales</c> among them.</param>
    public static IResourceBuilder<KafkaContainerResource> AddKafkaContainer(this IDistributedApplicationBuilder builder, [ResourceName] string name, int partitions = 6)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);

        var kafka = new KafkaContainerResource(name);
        return builder.AddResource(kafka)
            .WithImage(ContainerImage, ContainerImageTag)
            .WithImageRegistry(ContainerRegistry)
            .WithEndpoint(targetPort: KafkaContainerResource.BrokerPort, name: KafkaContainerResource.PrimaryEndpointName)
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
            .WithEnvironment("KAFKA_ADVERTISED_LISTENERS", ReferenceExpression.Create($"PLAINTEXT://{kafka.Host}:{kafka.Port}"))
            // One broker: internal topics cannot be replicated, and a new consumer group should not wait 3 s to start.
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .WithEnvironment("KAFKA_NUM_PARTITIONS", partitions.ToString(CultureInfo.InvariantCulture))
            .WithIconName("DataUsage")
            .StopsAfterDependents()
            .WithKafkaHealthCheck()
            .WithReadyLine(kafka.ConnectionStringExpression);
    }

    /// <summary>
    /// Healthy once a metadata request to the resource's connection string succeeds: the DevBroker, a container or an
    /// existing cluster given as <c>builder.AddConnectionString("kafka")</c>. <c>WaitFor</c> then waits for it.
    /// </summary>
    public static IResourceBuilder<T> WithKafkaHealthCheck<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString
    {
        ArgumentNullException.ThrowIfNull(builder);
        var key = $"{builder.Resource.Name}_check";
        var resource = builder.Resource;
        builder.ApplicationBuilder.Services.AddKeyedSingleton(key, (_, _) => new KafkaHealthCheck(resource.GetConnectionStringAsync));
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key, services => services.GetRequiredKeyedService<KafkaHealthCheck>(key), failureStatus: default, tags: default));
        return builder.WithHealthCheck(key);
    }

    /// <summary>The DevBroker's assembly in the output of the build this library came from.</summary>
    private static string DevBrokerAssemblyPath()
    {
        var path = typeof(KafkaBuilderExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "DevBrokerAssemblyPath").Value!;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The DevBroker has not been built: '{path}' does not exist. Build the solution (dotnet build RealtimeSales.sln), " +
                "or use an existing Kafka by setting ConnectionStrings:kafka.");
    }
}
