namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>
/// A Kafka cluster: the external one named by <c>ConnectionStrings:&lt;name&gt;</c> in the AppHost's configuration,
/// or else the development broker (DevBroker) started as a child process.
/// </summary>
public sealed class KafkaResource : Resource, IResourceWithConnectionString, IResourceWithWaitSupport
{
    /// <summary>The DevBroker's own default, a stable address for tools outside the AppHost.</summary>
    public const int DefaultPort = 9092;

    /// <summary>The DevBroker's default partition count for the <c>sales</c> topic.</summary>
    public const int DefaultPartitions = 6;

    internal KafkaResource(string name, int? port)
        : base(name) => Port = port ?? DefaultPort;

    /// <inheritdoc />
    public override string ResourceType => "Kafka";

    /// <summary>The DevBroker's port on 127.0.0.1; 0 picks a free one (and keeps it across restarts).</summary>
    public int Port { get; internal set; }

    /// <summary>Partitions of the DevBroker's <c>sales</c> topic.</summary>
    public int Partitions { get; internal set; } = DefaultPartitions;
}
