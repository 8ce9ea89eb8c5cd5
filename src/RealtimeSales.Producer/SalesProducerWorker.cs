using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using RealtimeSales.Kafka;
using RealtimeSales.ServiceDefaults;

namespace RealtimeSales.Producer;

/// <summary>
/// Publishes simulated receipts to Kafka, keyed by store. Idempotent with <c>acks=all</c>; a full local
/// queue blocks the generator (backpressure) rather than dropping; on shutdown it flushes what is in flight.
/// </summary>
internal sealed class SalesProducerWorker(
    IOptions<ProducerOptions> options,
    KafkaClientFactory kafka,
    ProducerMetrics metrics,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<SalesProducerWorker> logger) : BackgroundService
{
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_unavailableLogInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_shutdownFlushTimeout = TimeSpan.FromSeconds(10);

    private readonly ProducerOptions _options = options.Value;
    private readonly DeliveryCounters _counters = metrics.Counters;
    private readonly PublishSpans _spans = new(options.Value.Topic, metrics.Counters, clock);
    private long _lastUnavailableLog = long.MinValue;
    private int _brokerDown;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // librdkafka's Produce and Flush block; give them a thread of their own.
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var bootstrapServers = kafka.BootstrapServers;
        Log.Starting(logger, _options.Topic, bootstrapServers, _options.Stores, _options.EventsPerSecond,
            _options.MaxEvents, _options.LateFraction, _options.MalformedFraction);

        using var producer = kafka.CreateProducer<byte[], byte[]>(KafkaClientDefaults.Producer, builder => builder
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => Log.Librdkafka(logger, message.Facility, message.Message)));
        using var progress = new Timer(_ => ReportProgress(), null, s_progressInterval, s_progressInterval);

        // One handler per kind, created once: no allocation per message on the delivery path.
        var handlers = Enum.GetValues<MessageKind>().ToDictionary(kind => kind, kind => DeliveryHandler(kind));
        var generator = new SaleGenerator(_options, clock);
        var pacer = new Pacer(_options.EventsPerSecond);
        long sent = 0;
        while ((_options.MaxEvents == 0 || sent < _options.MaxEvents) && pacer.WaitForTurn(sent, stoppingToken))
        {
            var message = generator.Next();
            if (!ProduceWithBackpressure(producer, message, handlers[message.Kind], stoppingToken))
            {
                break;
            }

            sent++;
            _counters.Sent();
        }

        var finished = !stoppingToken.IsCancellationRequested;
        var unacknowledged = producer.Flush(finished ? Timeout.InfiniteTimeSpan : s_shutdownFlushTimeout);
        if (unacknowledged > 0)
        {
            Log.FlushIncomplete(logger, unacknowledged, s_shutdownFlushTimeout);
        }

        ReportProgress();
        var (_, late, malformed) = _counters.AcknowledgedByKind();
        Log.Finished(logger, _counters.Acknowledged, _counters.Failed, late, malformed);
        if (_counters.Failed > 0 || unacknowledged > 0)
        {
            Environment.ExitCode = 1;
        }

        if (finished)
        {
            lifetime.StopApplication();
        }
    }

    private bool ProduceWithBackpressure(IProducer<byte[], byte[]> producer, GeneratedMessage message,
        Action<DeliveryReport<byte[], byte[]>> onDelivery, CancellationToken stoppingToken)
    {
        var kafkaMessage = new Message<byte[], byte[]> { Key = message.Key, Value = message.Value };
        while (true)
        {
            try
            {
                producer.Produce(_options.Topic, kafkaMessage, onDelivery);
                return true;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue is full: serve delivery reports until there is room.
                producer.Poll(TimeSpan.FromMilliseconds(100));
                if (stoppingToken.IsCancellationRequested)
                {
                    return false;
                }
            }
        }
    }

    private Action<DeliveryReport<byte[], byte[]>> DeliveryHandler(MessageKind kind) => report =>
    {
        if (report.Error.IsError)
        {
            _counters.Failure();
            Log.DeliveryFailed(logger, report.Error.Reason);
            return;
        }

        _counters.Acknowledge(kind);
        if (Interlocked.Exchange(ref _brokerDown, 0) == 1)
        {
            Log.BrokerBack(logger);
        }
    };

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            Log.Fatal(logger, error.Reason);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }

        // librdkafka reports every failed connection attempt; say it once in a while, not per attempt.
        Interlocked.Exchange(ref _brokerDown, 1);
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastUnavailableLog);
        if ((last == long.MinValue || Stopwatch.GetElapsedTime(last, now) >= s_unavailableLogInterval)
            && Interlocked.CompareExchange(ref _lastUnavailableLog, now, last) == last)
        {
            Log.BrokerUnavailable(logger, error.Reason, _counters.InFlight);
        }
    }

    private void ReportProgress()
    {
        var snapshot = _counters.TakeRateSample();
        _spans.Record();
        Log.Progress(logger, snapshot.RatePerSecond, snapshot.Acknowledged, snapshot.Late, snapshot.Malformed,
            _counters.InFlight, _counters.Failed);
    }
}
