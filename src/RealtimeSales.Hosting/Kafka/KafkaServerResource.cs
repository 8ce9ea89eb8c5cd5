using Aspire.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Kafka;

/// <summary>
/// The development broker (<c>RealtimeSales.DevBroker</c>: librdkafka's mock cluster behind a TCP forwarder) run by
/// DCP as an executable. Its connection string is <c>HOST:PORT</c>, the bootstrap servers.
/// </summary>
/// <param name="name">The resource name, also the connection string name.</param>
/// <param name="workingDirectory">Where the broker's assembly lives.</param>
public sealed class KafkaServerResource(string name, string workingDirectory)
    : ExecutableResource(name, "dotnet", workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    /// <summary>The address clients bootstrap from: DCP's proxy, which is also what the broker advertises.</summary>
    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    /// <summary>Partitions of the topic <c>sales</c>, which the broker creates before it reports ready.</summary>
    public int Partitions { get; set; } = 6;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Host}:{Port}");
}
