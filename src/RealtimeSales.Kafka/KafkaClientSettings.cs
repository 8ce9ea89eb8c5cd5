namespace RealtimeSales.Kafka;

/// <summary>
/// How <see cref="KafkaClientExtensions.AddKafkaClients"/> sets up the clients, bound from <c>RealtimeSales:Kafka</c>
/// (for instance <c>RealtimeSales__Kafka__DisableMetrics=true</c>). librdkafka properties of the clients themselves are
/// bound from <c>RealtimeSales:Kafka:Producer</c> and <c>RealtimeSales:Kafka:Consumer</c> on top of the caller's defaults,
/// e.g. <c>RealtimeSales__Kafka__Consumer__FetchWaitMaxMs=10</c>.
/// </summary>
public sealed class KafkaClientSettings
{
    public const string SectionName = "RealtimeSales:Kafka";

    /// <summary>The bootstrap servers; <c>ConnectionStrings:NAME</c> when it is set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Leaves out the health check (a metadata request) from <c>/health</c>.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>Leaves out librdkafka's statistics as OpenTelemetry metrics (meter <c>RealtimeSales.Kafka</c>).</summary>
    public bool DisableMetrics { get; set; }

    /// <summary>Leaves out the publish spans (activity source <c>RealtimeSales.Kafka</c>).</summary>
    public bool DisableTracing { get; set; }

    /// <summary>How often librdkafka reports its statistics, which the metrics are read from.</summary>
    public TimeSpan StatisticsInterval { get; set; } = TimeSpan.FromSeconds(5);
}
