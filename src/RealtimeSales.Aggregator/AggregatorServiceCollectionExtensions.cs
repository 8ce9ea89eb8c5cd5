using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
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
        var settings = builder.Configuration.GetSection(AggregatorOptions.SectionName).Get<AggregatorOptions>() ?? new AggregatorOptions();
        builder.Services.AddSalesDbContext(WithIdleInTransactionTimeout(connectionString, settings.IdleInTransactionTimeout));
        builder.EnrichNpgsqlDbContext<SalesDbContext>(dbContext => dbContext.DisableRetry = true);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AggregatorMetrics>();
        builder.Services.AddSingleton<AggregatorHealth>();
        builder.Services.AddSingleton(services => DatabaseRetry.Create(
            services.GetRequiredService<AggregatorHealth>(), services.GetRequiredService<ILogger<CheckpointStore>>()));
        builder.Services.AddSingleton<CheckpointStore>();
        builder.Services.AddHealthChecks().AddCheck<AggregatorHealth>("aggregator", tags: ["ready"]);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(CheckpointSpan.SourceName));
        if (settings.EffectivePrintWindows(builder.Environment.IsDevelopment()))
        {
            // Resolved as optional (GetService): absent when the table is off.
            builder.Services.AddSingleton(services => new ClosedWindowTable(
                Console.Out, services.GetRequiredService<TimeProvider>(), ClosedWindowTable.DefaultInterval));
        }

        builder.Services.AddHostedService<SalesAggregatorWorker>();
        return builder;
    }

    /// <summary>
    /// Adds <see cref="AggregatorOptions.IdleInTransactionTimeout"/> to the session options the connection string
    /// gives, if any: set at connect, so that it holds for every session, pooled or not, at no cost per checkpoint.
    /// </summary>
    internal static string WithIdleInTransactionTimeout(string connectionString, TimeSpan timeout)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var setting = string.Create(CultureInfo.InvariantCulture, $"-c idle_in_transaction_session_timeout={(long)timeout.TotalMilliseconds}");
        connection.Options = string.IsNullOrWhiteSpace(connection.Options) ? setting : $"{connection.Options} {setting}";
        return connection.ConnectionString;
    }
}
