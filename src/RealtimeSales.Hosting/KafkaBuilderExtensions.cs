using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting;

/// <summary>Kafka as a resource.</summary>
public static class KafkaBuilderExtensions
{
    /// <summary>
    /// Adds Kafka. With <c>ConnectionStrings:&lt;name&gt;</c> in the AppHost's configuration that cluster is used and
    /// nothing is started; otherwise the development broker (the DevBroker project, which the AppHost must
    /// reference) runs on 127.0.0.1:<paramref name="port"/>. Healthy once a metadata request succeeds.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name, also the connection string name.</param>
    /// <param name="port">The DevBroker's port; <see langword="null"/> means 9092, a stable address for tools outside the AppHost.</param>
    public static IResourceBuilder<KafkaResource> AddKafka(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new KafkaResource(name, ValidPort(port)));
    }

    /// <summary>Partitions of the DevBroker's <c>sales</c> topic (default 6).</summary>
    public static IResourceBuilder<KafkaResource> WithPartitions(this IResourceBuilder<KafkaResource> builder, int partitions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        builder.Resource.Partitions = partitions;
        return builder;
    }

    /// <summary>The DevBroker's port on 127.0.0.1; 0 picks a free one.</summary>
    public static IResourceBuilder<KafkaResource> WithHostPort(this IResourceBuilder<KafkaResource> builder, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Port = ValidPort(port) ?? 0;
        return builder;
    }

    internal static int? ValidPort(int? port) => port is < 0 or > 65535
        ? throw new ArgumentOutOfRangeException(nameof(port), port, "A TCP port is 0 (any free port) to 65535.")
        : port;
}
