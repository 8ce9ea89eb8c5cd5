using Microsoft.Extensions.Options;
using RealtimeSales.Kafka;
using RealtimeSales.ServiceDefaults;

namespace RealtimeSales.Producer;

internal static class ProducerServiceCollectionExtensions
{
    /// <summary>Registers the store simulator with its validated <c>Producer:*</c> options and its Kafka client.</summary>
    public static IHostApplicationBuilder AddSalesProducer(this IHostApplicationBuilder builder)
    {
        builder.AddKafkaClients(KafkaClientDefaults.ConnectionName, KafkaClientDefaults.DefaultBootstrapServers);
        builder.Services.AddOptions<ProducerOptions>()
            .BindConfiguration(ProducerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProducerOptions>, ProducerOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProducerMetrics>();
        builder.Services.AddHostedService<SalesProducerWorker>();
        return builder;
    }
}
