using System.Globalization;

namespace Aspire.Hosting;

/// <summary>The aggregator's consumer-group session, chosen for the broker it runs against.</summary>
internal static class DevBrokerSessionExtensions
{
    /// <summary>
    /// The session the aggregator gets on the AppHost's own DevBroker unless <c>Aggregator:SessionTimeout</c> says otherwise.
    /// A crashed aggregator's partitions wait this long for its restart (issue 12: recovery ≤ 3 s median); the DevBroker
    /// accepts it, while a Kafka broker refuses sessions under its <c>group.min.session.timeout.ms</c> (6 s by default),
    /// so an external or container Kafka keeps the aggregator's own default.
    /// </summary>
    public static readonly TimeSpan DevBrokerSession = TimeSpan.FromMilliseconds(1500);

    public static IResourceBuilder<ProjectResource> WithSessionFor(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithConnectionString> kafka)
    {
        if (kafka.Resource is not KafkaServerResource || builder.ApplicationBuilder.Configuration["Aggregator:SessionTimeout"] is not null)
        {
            return builder;
        }

        return builder.WithEnvironment("Aggregator__SessionTimeout", DevBrokerSession.ToString("c", CultureInfo.InvariantCulture));
    }
}
