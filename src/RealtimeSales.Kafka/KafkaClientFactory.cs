using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace RealtimeSales.Kafka;

/// <summary>
/// Builds the process's Kafka clients for one connection: the caller's defaults, then the configured overrides
/// (<c>RealtimeSales:Kafka:Producer</c> / <c>:Consumer</c> / <c>:Admin</c>), then the bootstrap servers from the connection string;
/// with the statistics handler that feeds the metrics. The caller adds its own handlers (errors, logs, rebalances) and
/// owns the client. Resolve it from the services, as <c>AddKafkaClients</c> registers it.
/// </summary>
public sealed class KafkaClientFactory
{
    private readonly KafkaClientSettings _settings;
    private readonly IConfiguration _configuration;
    private readonly KafkaClientMetrics? _metrics;

    internal KafkaClientFactory(KafkaClientSettings settings, IConfiguration configuration, KafkaClientMetrics? metrics)
    {
        _settings = settings;
        _configuration = configuration;
        _metrics = metrics;
    }

    /// <summary>The bootstrap servers every client of this factory connects to.</summary>
    public string BootstrapServers => _settings.ConnectionString!;

    /// <param name="defaults">The producer settings the application needs, given the bootstrap servers.</param>
    /// <param name="configure">Adds the application's handlers.</param>
    public IProducer<TKey, TValue> CreateProducer<TKey, TValue>(Func<string, ProducerConfig> defaults, Action<ProducerBuilder<TKey, TValue>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var config = Configure(defaults(BootstrapServers), "Producer");
        var builder = new ProducerBuilder<TKey, TValue>(config);
        if (_metrics is { } metrics)
        {
            builder.SetStatisticsHandler((_, json) => metrics.Record(json));
        }

        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <param name="defaults">The consumer settings the application needs, given the bootstrap servers.</param>
    /// <param name="configure">Adds the application's handlers.</param>
    public IConsumer<TKey, TValue> CreateConsumer<TKey, TValue>(Func<string, ConsumerConfig> defaults, Action<ConsumerBuilder<TKey, TValue>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var config = Configure(defaults(BootstrapServers), "Consumer");
        var builder = new ConsumerBuilder<TKey, TValue>(config);
        if (_metrics is { } metrics)
        {
            // Called from inside Consume, on the consuming thread: once per statistics interval, not per message.
            builder.SetStatisticsHandler((_, json) => metrics.Record(json));
        }

        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <param name="configure">Adds the application's handlers.</param>
    public IAdminClient CreateAdminClient(Action<AdminClientBuilder>? configure = null)
    {
        var builder = new AdminClientBuilder(Configure(new AdminClientConfig(), "Admin"));
        configure?.Invoke(builder);
        return builder.Build();
    }

    private TConfig Configure<TConfig>(TConfig config, string client)
        where TConfig : ClientConfig
    {
        _configuration.GetSection($"{KafkaClientSettings.SectionName}:{client}").Bind(config);
        config.BootstrapServers = BootstrapServers;
        if (_metrics is not null && config is not AdminClientConfig)
        {
            config.StatisticsIntervalMs ??= (int)_settings.StatisticsInterval.TotalMilliseconds;
        }

        return config;
    }
}
