namespace RealtimeSales.Aggregator;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information,
        "Aggregating {Topic} as group {GroupId} on {BootstrapServers}: window {WindowSize}, watermark delay {WatermarkDelay}, idle timeout {IdleTimeout}, checkpoint every {CheckpointInterval}, session timeout {SessionTimeout}")]
    public static partial void Starting(ILogger logger, string topic, string groupId, string bootstrapServers,
        TimeSpan windowSize, TimeSpan watermarkDelay, TimeSpan idleTimeout, TimeSpan checkpointInterval, TimeSpan sessionTimeout);

    [LoggerMessage(2, LogLevel.Information, "Assigned partitions [{Partitions}] of {Topic}; resuming at offsets [{Offsets}]")]
    public static partial void Assigned(ILogger logger, string topic, string partitions, string offsets);

    [LoggerMessage(3, LogLevel.Information, "Partitions [{Partitions}] revoked; checkpointed before release")]
    public static partial void Revoked(ILogger logger, string partitions);

    [LoggerMessage(4, LogLevel.Warning, "Partitions [{Partitions}] lost to another member; their uncommitted work is dropped and will be replayed by the new owner")]
    public static partial void Lost(ILogger logger, string partitions);

    [LoggerMessage(5, LogLevel.Warning,
        "Partition {Partition}: another owner took over (generation fence); dropping it without writing")]
    public static partial void Fenced(ILogger logger, int partition);

    [LoggerMessage(6, LogLevel.Warning,
        "Partition {Partition}: offsets {From}..{To} are gone from the log (retention); recorded in data_gaps, continuing at {To}")]
    public static partial void Gap(ILogger logger, int partition, long from, long to);

    [LoggerMessage(7, LogLevel.Error,
        "Kafka cluster id changed from {Previous} to {Current} (the broker was replaced or restarted and lost its data). Recorded in cluster_changes; reading {Topic} afresh from its start instead of seeking to offsets that now name other messages")]
    public static partial void ClusterChanged(ILogger logger, string previous, string current, string topic);

    [LoggerMessage(8, LogLevel.Warning, "PostgreSQL is unavailable ({Reason}); retrying in {Delay} (attempt {Attempt}). Consumption is paused meanwhile, nothing is lost")]
    public static partial void DatabaseRetry(ILogger logger, string reason, TimeSpan delay, int attempt);

    [LoggerMessage(9, LogLevel.Warning, "Kafka: {Reason}")]
    public static partial void KafkaError(ILogger logger, string reason);

    [LoggerMessage(10, LogLevel.Critical, "Fatal Kafka error, stopping: {Reason}")]
    public static partial void KafkaFatal(ILogger logger, string reason);

    [LoggerMessage(11, LogLevel.Debug, "librdkafka {Facility}: {Message}")]
    public static partial void Librdkafka(ILogger logger, string facility, string message);

    [LoggerMessage(12, LogLevel.Information,
        "Progress: {Rate:F0} events/s, {Consumed} consumed, {Closed} windows closed, {Late} late, {Rejected} rejected, lag {Lag}, last checkpoint {CheckpointMs:F1} ms")]
    public static partial void Progress(ILogger logger, double rate, long consumed, long closed, long late, long rejected, long lag, double checkpointMs);

    [LoggerMessage(13, LogLevel.Information, "PostgreSQL schema is up to date")]
    public static partial void Migrated(ILogger logger);

    [LoggerMessage(14, LogLevel.Information, "Checkpoint after a failed commit found it had landed; carrying on")]
    public static partial void CommitHadLanded(ILogger logger);

    [LoggerMessage(15, LogLevel.Debug, "Committing offsets to Kafka for lag monitoring failed: {Reason}")]
    public static partial void KafkaCommitFailed(ILogger logger, string reason);

    [LoggerMessage(16, LogLevel.Information, "Stopped after a final checkpoint")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(17, LogLevel.Error, "Stopping failed; work since the last checkpoint is replayed by the next owner")]
    public static partial void StopFailed(ILogger logger, Exception exception);

    [LoggerMessage(18, LogLevel.Information,
        "The consume thread stalled for {Stall}; partition ends seen before it count again only once the broker confirms them, and idle time restarts")]
    public static partial void Stalled(ILogger logger, TimeSpan stall);

    [LoggerMessage(19, LogLevel.Warning,
        "Partition {Partition}: the broker skipped offsets {From}..{To} (compaction, transaction markers or truncation); recorded in data_gaps")]
    public static partial void OffsetsSkipped(ILogger logger, int partition, long from, long to);

    [LoggerMessage(20, LogLevel.Warning,
        "Partitions [{Partitions}] are still assigned to this member a session after a fence: the claim that fenced them was stale; claiming them again")]
    public static partial void Reclaimed(ILogger logger, string partitions);
}
