using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Retry;

namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>
/// Retries PostgreSQL work through outages (a restart, a failover) with capped exponential backoff, for
/// as long as it takes: the consumer waits rather than losing or double-counting anything.
/// </summary>
internal static class DatabaseRetry
{
    // idle_in_transaction_session_timeout ended the session (Npgsql names no constant for it): the transaction was
    // rolled back, and the checkpoint is tried again on a new session.
    private const string IdleInTransactionSessionTimeout = "25P03";

    public static ResiliencePipeline Create(AggregatorHealth health, ILogger logger) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                OnRetry = arguments =>
                {
                    health.DatabaseReachable(false);
                    Log.DatabaseRetry(logger, arguments.Outcome.Exception?.Message ?? "unknown", arguments.RetryDelay, arguments.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        // A server shutting down mid-statement, or a connection cut while reading a result.
        PostgresException
        {
            SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or IdleInTransactionSessionTimeout,
        } => true,
        NpgsqlException { InnerException: IOException or SocketException or TimeoutException } => true,
        InvalidOperationException { InnerException: NpgsqlException inner } => IsTransient(inner),
        _ => exception.InnerException is { } inner && inner is NpgsqlException && IsTransient(inner),
    };
}
