namespace RealtimeSales.Producer;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information,
        "Producing to {Topic} on {BootstrapServers}: {Stores} stores, {Rate} events/s (0 = unthrottled), max {MaxEvents} (0 = forever), late {LateFraction:P1}, malformed {MalformedFraction:P1}")]
    public static partial void Starting(ILogger logger, string topic, string bootstrapServers, int stores, double rate,
        long maxEvents, double lateFraction, double malformedFraction);

    [LoggerMessage(2, LogLevel.Information,
        "Progress: {Rate:F0} events/s, {Acknowledged} acknowledged ({Late} late, {Malformed} malformed), {InFlight} in flight, {Failed} failed")]
    public static partial void Progress(ILogger logger, double rate, long acknowledged, long late, long malformed, long inFlight, long failed);

    [LoggerMessage(3, LogLevel.Warning, "Kafka is unavailable ({Reason}); retrying, {InFlight} messages held until it is back")]
    public static partial void BrokerUnavailable(ILogger logger, string reason, long inFlight);

    [LoggerMessage(4, LogLevel.Information, "Kafka is reachable again")]
    public static partial void BrokerBack(ILogger logger);

    [LoggerMessage(5, LogLevel.Error, "The broker refused a message for good: {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string reason);

    [LoggerMessage(6, LogLevel.Critical, "Fatal Kafka error, stopping: {Reason}")]
    public static partial void Fatal(ILogger logger, string reason);

    [LoggerMessage(7, LogLevel.Information, "Done: {Acknowledged} messages acknowledged, {Failed} failed; {Late} of them late, {Malformed} malformed")]
    public static partial void Finished(ILogger logger, long acknowledged, long failed, long late, long malformed);

    [LoggerMessage(8, LogLevel.Warning, "Stopping with {InFlight} messages not yet acknowledged after waiting {Timeout}")]
    public static partial void FlushIncomplete(ILogger logger, long inFlight, TimeSpan timeout);

    [LoggerMessage(9, LogLevel.Debug, "librdkafka {Facility}: {Message}")]
    public static partial void Librdkafka(ILogger logger, string facility, string message);
}
