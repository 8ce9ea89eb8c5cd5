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
    private static readonly TimeSpan s_pollSlice = TimeSpan.FromMilliseconds(100);

    // Delivery reports are served on this thread, in batches: the messages librdkafka allocated here are then
    // freed here too. Served by a thread of their own, every free contended with this thread's allocations for
    // the same malloc arena, and each contention was a futex wake-up (issue 12). 64 reports at a time keep the
    // queue far below its limit.
    private const int MessagesPerPoll = 64;

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

        // Hot loop. One handler per kind, indexed by kind, created once; one topic and one message object, reused:
        // the client copies key and value before Produce returns, and keeps neither (DeliveryReportFields "none").
        Action<DeliveryReport<byte[], byte[]>>[] handlers = [.. Enum.GetValues<MessageKind>().Select(DeliveryHandler)];
        var topic = new TopicPartition(_options.Topic, Partition.Any);
        var message = new Message<byte[], byte[]> { Key = [], Value = [], Headers = [] };
        var generator = new SaleGenerator(_options, clock);
        var pacer = new Pacer(_options.EventsPerSecond);
        long sent = 0;
        while ((_options.MaxEvents == 0 || sent < _options.MaxEvents) && WaitForTurn(producer, pacer, sent, stoppingToken))
        {
            var generated = generator.Next();
            message.Key = generated.Key;
            message.Value = generated.Value;
            if (!ProduceWithBackpressure(producer, topic, message, handlers[(int)generated.Kind], stoppingToken))
            {
                break;
            }

            _counters.Sent();
            if (++sent % MessagesPerPoll == 0)
            {
                producer.Poll(TimeSpan.Zero);
            }
        }

        var finished = !stoppingToken.IsCancellationRequested;
        // Flush answers with librdkafka's whole queue, statistics and error events included: one queued just after
        // the last delivery is no unacknowledged message. Our own tally counts messages only.
        producer.Flush(finished ? Timeout.InfiniteTimeSpan : s_shutdownFlushTimeout);
        var unacknowledged = _counters.InFlight;
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

    /// <summary>
    /// Waits until message number <paramref name="sent"/> is due, serving delivery reports and client events
    /// meanwhile: the client has no poll thread of its own (<see cref="KafkaClientDefaults.Producer"/>). Returns false
    /// when cancelled.
    /// </summary>
    private static bool WaitForTurn(IProducer<byte[], byte[]> producer, Pacer pacer, long sent, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Pacing, not synchronisation: the wait is the rate itself, in slices short enough to notice cancellation.
            var wait = pacer.UntilTurn(sent);
            if (wait <= TimeSpan.FromMilliseconds(1))
            {
                return true;
            }

            producer.Poll(wait < s_pollSlice ? wait : s_pollSlice);
        }

        return false;
    }

    private static bool ProduceWithBackpressure(IProducer<byte[], byte[]> producer, TopicPartition topic, Message<byte[], byte[]> message,
        Action<DeliveryReport<byte[], byte[]>> onDelivery, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivery);
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

        // Read before writing: an exchange per message would be a write to a shared cache line per message.
        if (Volatile.Read(ref _brokerDown) == 1 && Interlocked.Exchange(ref _brokerDown, 0) == 1)
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
