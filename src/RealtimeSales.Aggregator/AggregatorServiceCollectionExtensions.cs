using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Reporting;
using RealtimeSales.Data;
using RealtimeSales.Kafka;
using RealtimeSales.ServiceDefaults;

namespace RealtimeSales.Aggregator;

internal static class AggregatorServiceCollectionExtensions
{
    /// <summary>Name of the connection string holding the PostgreSQL database.</summary>
    public const string DatabaseName = "salesdb";

    /// <summary>Registers the windowing worker, its validated <c>Aggregator:*</c> options, its Kafka clients, PostgreSQL and health.</summary>
    public static IHostApplicationBuilder AddSalesAggregator(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{DatabaseName} is not set. Give the PostgreSQL connection string, e.g. " +
                $"ConnectionStrings__{DatabaseName}=\"Host=127.0.0.1;Port=5432;Database=salesdb;Username=postgres;Password=...\", " +
                "or start the whole system with `dotnet run --project RealtimeSales.AppHost`.");
        }

        builder.Services.AddOptions<AggregatorOptions>()
            .BindConfiguration(AggregatorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AggregatorOptions>, AggregatorOptionsValidator>();

        builder.AddKafkaClients(KafkaClientDefaults.ConnectionName, KafkaClientDefaults.DefaultBootstrapServers);

        // The pooled context factory the checkpoint store needs, enriched by Aspire's integration with its health check,
        // tracing and metrics. No retrying execution strategy: it would refuse the aggregator's own transactions, and a
        // checkpoint is retried as a whole by its owner, who knows whether the previous attempt committed.
        builder.Services.AddSalesDbContext(connectionString);
        builder.EnrichNpgsqlDbContext<SalesDbContext>(settings => settings.DisableRetry = true);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AggregatorMetrics>();
        builder.Services.AddSingleton<AggregatorHealth>();
        builder.Services.AddSingleton(services => DatabaseRetry.Create(
            services.GetRequiredService<AggregatorHealth>(), services.GetRequiredService<ILogger<CheckpointStore>>()));
        builder.Services.AddSingleton<CheckpointStore>();
        builder.Services.AddHealthChecks().AddCheck<AggregatorHealth>("aggregator", tags: ["ready"]);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(CheckpointSpan.SourceName));
        var settings = builder.Configuration.GetSection(AggregatorOptions.SectionName).Get<AggregatorOptions>() ?? new AggregatorOptions();
        if (settings.EffectivePrintWindows(builder.Environment.IsDevelopment()))
        {
            // Resolved as optional (GetService): absent when the table is off.
            builder.Services.AddSingleton(services => new ClosedWindowTable(
                Console.Out, services.GetRequiredService<TimeProvider>(), ClosedWindowTable.DefaultInterval));
        }

        builder.Services.AddHostedService<SalesAggregatorWorker>();
        return builder;
    }
}
