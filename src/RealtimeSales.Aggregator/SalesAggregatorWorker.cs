using Microsoft.Extensions.Options;
using Polly;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Reporting;
using RealtimeSales.Data;
using RealtimeSales.Kafka;

namespace RealtimeSales.Aggregator;

/// <summary>Applies the schema, then runs the <see cref="AggregationLoop"/> on a thread of its own until the host stops.</summary>
internal sealed class SalesAggregatorWorker(
    IOptions<AggregatorOptions> options,
    IConfiguration configuration,
    KafkaClientFactory kafka,
    CheckpointStore store,
    ResiliencePipeline retry,
    AggregatorMetrics metrics,
    AggregatorHealth health,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<SalesAggregatorWorker> logger,
    ClosedWindowTable? windowTable = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var bootstrapServers = kafka.BootstrapServers;
        Log.Starting(logger, settings.Topic, settings.GroupId, bootstrapServers, settings.WindowSize, settings.WatermarkDelay,
            settings.EffectiveIdleTimeout, settings.CheckpointInterval, settings.SessionTimeout);

        // Replicas start together; the advisory lock inside makes one of them migrate while the others wait.
        await retry.ExecuteAsync(
            async token => await SalesDatabase.MigrateAsync(configuration.GetConnectionString(AggregatorServiceCollectionExtensions.DatabaseName)!, token),
            stoppingToken);
        health.DatabaseReachable(true);
        Log.Migrated(logger);

        using var cluster = new ClusterIdentity(bootstrapServers, logger);
        var loop = new AggregationLoop(settings, kafka, store, cluster, metrics, health, clock, windowTable, logger);
        loop.Fatal += () =>
        {
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        };

        try
        {
            // Confluent's consumer blocks; the loop and every rebalance callback get a dedicated thread.
            await Task.Factory.StartNew(() => loop.Run(stoppingToken), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (Exception) when (!stoppingToken.IsCancellationRequested)
        {
            Environment.ExitCode = 1;
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The host does not report what a stopping service throws: say it, and do not exit as if all were well.
            Log.StopFailed(logger, e);
            Environment.ExitCode = 1;
        }
        finally
        {
            // The windows the final checkpoint committed, rather than never.
            windowTable?.Print();
        }
    }
}
