using Aspire.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Kafka;

/// <summary>A single-node Apache Kafka in KRaft mode, in a container (<c>--Containers=true</c>; needs a container engine).</summary>
/// <param name="name">The resource name, also the connection string name.</param>
public sealed class KafkaContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    /// <summary>The port inside the container where clients connect (the controller's, 9093, is used only inside).</summary>
    internal const int BrokerPort = 9092;

    /// <summary>The host-side address (DCP's proxy), which is also what the broker advertises.</summary>
    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Host}:{Port}");
}
