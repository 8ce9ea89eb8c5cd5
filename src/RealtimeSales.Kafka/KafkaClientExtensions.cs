using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace RealtimeSales.Kafka;

/// <summary>
/// Kafka clients for a worker, shaped like Aspire's <c>Aspire.Confluent.Kafka</c> (which is not served here): settings
/// from configuration, a health check, librdkafka's statistics as metrics, and publish spans.
/// </summary>
public static class KafkaClientExtensions
{
    /// <summary>
    /// Registers a <see cref="KafkaClientFactory"/> for the cluster in <c>ConnectionStrings:<paramref name="connectionName"/></c>
    /// (or <paramref name="fallbackBootstrapServers"/>), the health check <c>kafka</c> (a metadata request), the meter and
    /// the activity source <c>RealtimeSales.Kafka</c>. <see cref="KafkaClientSettings"/> are bound from <c>RealtimeSales:Kafka</c>.
    /// </summary>
    /// <param name="builder">The worker's builder.</param>
    /// <param name="connectionName">The connection string's name.</param>
    /// <param name="fallbackBootstrapServers">Used when no connection string is configured.</param>
    /// <param name="configureSettings">Changes the settings after binding.</param>
    public static TBuilder AddKafkaClients<TBuilder>(this TBuilder builder, string connectionName, string? fallbackBootstrapServers = null,
        Action<KafkaClientSettings>? configureSettings = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);

        var settings = new KafkaClientSettings();
        builder.Configuration.GetSection(KafkaClientSettings.SectionName).Bind(settings);
        settings.ConnectionString = builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } configured
            ? configured
            : settings.ConnectionString ?? fallbackBootstrapServers;
        configureSettings?.Invoke(settings);
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException(
                $"No Kafka bootstrap servers: set ConnectionStrings:{connectionName} (environment ConnectionStrings__{connectionName}), " +
                "or start the whole system with `dotnet run --project RealtimeSales.AppHost`.");
        }

        if (!settings.DisableMetrics)
        {
            builder.Services.AddSingleton<KafkaClientMetrics>();
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(KafkaClientMetrics.MeterName));
        }

        if (!settings.DisableTracing)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(KafkaTracing.SourceName));
        }

        if (!settings.DisableHealthChecks)
        {
            var servers = settings.ConnectionString;
            builder.Services.AddSingleton(_ => new KafkaHealthCheck(_ => ValueTask.FromResult<string?>(servers)));
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                "kafka", services => services.GetRequiredService<KafkaHealthCheck>(), failureStatus: default, tags: default));
        }

        builder.Services.AddSingleton(services => new KafkaClientFactory(settings, services.GetRequiredService<IConfiguration>(),
            settings.DisableMetrics ? null : services.GetRequiredService<KafkaClientMetrics>()));
        return builder;
    }

}
