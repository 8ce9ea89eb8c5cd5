using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Consuming;
using RealtimeSales.Aggregator.Reporting;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;
using RealtimeSales.Kafka;
using RealtimeSales.ServiceDefaults;

namespace RealtimeSales.Aggregator;

/// <summary>
/// The consume loop: reads <c>sales</c> in offset order, feeds each partition's window engine, and checkpoints
/// everything that changed at most every <c>CheckpointInterval</c> (DESIGN.md, "Exactly-once checkpoint"). Runs on
/// one dedicated thread, and so does every Kafka callback; checkpoints commit beside it (<see cref="CheckpointPipeline"/>).
/// What happens when partitions come and go is in AggregationLoop.Rebalancing.cs.
/// </summary>
internal sealed partial class AggregationLoop(
    AggregatorOptions options,
    KafkaClientFactory kafka,
    CheckpointStore store,
    ClusterIdentity cluster,
    AggregatorMetrics metrics,
    AggregatorHealth health,
    TimeProvider clock,
    ClosedWindowTable? windowTable,
    ILogger logger)
{
    private static readonly TimeSpan s_pollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_finalCheckpointTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longer than this between two polls is a stall. A poll waits at most <see cref="s_pollTimeout"/> and a batch
    /// takes milliseconds; mistaking a slow moment for a stall costs one watermark query.
    /// </summary>
    private static readonly TimeSpan s_stallThreshold = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A closed window is what users wait for, so it is committed soon rather than at the next interval; this
    /// short delay lets the windows that close together across stores and partitions share one transaction.
    /// </summary>
    private static readonly TimeSpan s_closedWindowCheckpointDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>A commit pending this long (PostgreSQL is down or slow) stops the reading until it is through, so memory does not grow with the backlog.</summary>
    private static readonly TimeSpan s_maxCommitPending = TimeSpan.FromSeconds(5);

    private readonly WindowSpec _spec = WindowSpec.From(options.WindowSize, options.WatermarkDelay, options.EffectiveIdleTimeout);
    private readonly StoreNames _stores = new();
    private readonly ProgressTally _progress = new();
    private readonly OwnedPartitions _owned = new(metrics, logger);
    private readonly StallDetector _stalls = new(s_stallThreshold);
    private readonly CheckpointPipeline _checkpoints = new(store, options.Topic);
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private string? _clusterId;
    private CancellationToken _stopping;
    private bool _windowsClosedSinceCheckpoint;
    private ExceptionDispatchInfo? _handlerFailure;

    /// <summary>Raised when librdkafka reports a fatal error; the host stops.</summary>
    public event Action? Fatal;

    public void Run(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var consumer = kafka.CreateConsumer<byte[]?, byte[]?>(
            servers => KafkaClientDefaults.Consumer(servers, options.GroupId, options.SessionTimeout), builder => builder
            .SetPartitionsAssignedHandler((_, partitions) => Guarded(() => OnAssigned(partitions), partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset))))
            .SetPartitionsRevokedHandler((_, partitions) => Guarded(() => OnRevoked(partitions)))
            .SetPartitionsLostHandler((_, partitions) => Guarded(() => OnLost(partitions)))
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => Log.Librdkafka(logger, message.Facility, message.Message)));
        _consumer = consumer;
        consumer.Subscribe(options.Topic);

        using (var batch = new MessageBatch(consumer))
        {
            var lastSeal = Stopwatch.GetTimestamp();
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    ConsumeBatch(batch);
                    var sinceSeal = Stopwatch.GetElapsedTime(lastSeal);
                    if ((sinceSeal >= options.CheckpointInterval
                            || (_windowsClosedSinceCheckpoint && sinceSeal >= s_closedWindowCheckpointDelay))
                        && Checkpoint(advanceIdle: true, wait: _checkpoints.Pending > s_maxCommitPending))
                    {
                        lastSeal = Stopwatch.GetTimestamp();
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // The stop interrupted a checkpoint or a claim. A checkpoint it interrupted stays in doubt: the final
                    // checkpoint below sends it again first, and recognises it if the interrupted attempt landed.
                }
            }
        }

        // Leaving the group revokes every partition, and revocation checkpoints first (OnRevoked). The stopping
        // token is already cancelled, so that last checkpoint gets a bounded budget of its own: if PostgreSQL is
        // down it gives up, and the uncommitted work is replayed by the next owner.
        using var finalCheckpoint = new CancellationTokenSource(s_finalCheckpointTimeout);
        _stopping = finalCheckpoint.Token;
        consumer.Close();
        _handlerFailure?.Throw();
        Log.Stopped(logger);
    }

    /// <summary>One batch from the consumer's queue, each message applied to its partition's window engine.</summary>
    private void ConsumeBatch(MessageBatch batch)
    {
        var count = batch.Poll(s_pollTimeout);
        RethrowHandlerFailure();
        var now = NowMicros();
        NoticeStall(now);

        HashSet<int>? repositioned = null;
        var consumed = 0;
        for (var i = 0; i < count; i++)
        {
            ref readonly var message = ref batch[i];
            if (!_owned.TryGet(message.Partition, out var owned) || repositioned?.Contains(message.Partition) == true)
            {
                continue;
            }

            switch (message.Error)
            {
                case ErrorCode.NoError:
                    Apply(owned, in message, now);
                    consumed++;
                    break;
                case ErrorCode.Local_PartitionEOF:
                    owned.EndReached(message.Offset, now);
                    break;
                case ErrorCode.Local_AutoOffsetReset:
                    // What this batch still holds of a partition that moves comes again from its new position.
                    (repositioned ??= []).UnionWith(OnOffsetOutOfRange(owned.TopicPartition));
                    break;
                default:
                    // E.g. the topic does not exist yet on a real cluster: say so and keep polling. Fatal errors reach OnError.
                    Log.KafkaError(logger, $"partition {message.Partition}: {new Error(message.Error).Reason}");
                    break;
            }
        }

        _progress.CountConsumed(consumed);
    }

    /// <summary>Hot path: decodes straight from librdkafka's buffers; only a rejected message's bytes are copied (to be stored).</summary>
    private unsafe void Apply(OwnedPartition owned, in Librdkafka.Message message, long now)
    {
        owned.MessageReceived();
        var offset = message.Offset;
        if (offset < owned.Windows.NextOffset)
        {
            return;
        }

        if (offset > owned.Windows.NextOffset)
        {
            // Compaction, transaction markers or a truncation the broker did not report: offsets we never read.
            Log.OffsetsSkipped(logger, owned.Partition, owned.Windows.NextOffset, offset);
            owned.Windows.SkipTo(offset, "offsets skipped by the broker (compaction, transaction markers or truncation)", now);
        }

        var key = new ReadOnlySpan<byte>(message.Key, (int)message.KeyLength);
        var value = new ReadOnlySpan<byte>(message.Payload, (int)message.PayloadLength);
        if (SaleEventCodec.TryDecode(key, value, now, _stores, out Sale sale, out var rejection))
        {
            owned.Windows.Add(offset, sale, now);
            _windowsClosedSinceCheckpoint |= owned.Windows.PendingClosedWindows > 0;
        }
        else
        {
            owned.Windows.Reject(offset, message.Key is null ? null : key.ToArray(), message.Payload is null ? null : value.ToArray(), rejection, now);
        }
    }

    /// <summary>
    /// The consume thread was away long enough since it last looked that ends it saw may be stale (a pause of the
    /// process, or a wait for PostgreSQL): they are forgotten until the broker confirms them (DESIGN.md, "Idle partitions").
    /// </summary>
    /// <returns>Whether it was a stall.</returns>
    private bool NoticeStall(long now)
    {
        if (_stalls.Poll(now) is not { } stall)
        {
            return false;
        }

        Log.Stalled(logger, stall);
        _owned.Stalled();
        return true;
    }

    /// <summary>
    /// Collects the commit that finished, then, unless one is still running, seals what changed and starts
    /// committing it. Returns whether it sealed (or found nothing to seal).
    /// </summary>
    /// <param name="advanceIdle">Whether idle partitions' watermarks may move; not while partitions are being revoked.</param>
    /// <param name="wait">Whether to wait for the commits to finish: before partitions are released, and at a stop.</param>
    private bool Checkpoint(bool advanceIdle, bool wait)
    {
        if (!CollectCommit(wait))
        {
            return false;
        }

        if (_checkpoints.InDoubt is { } inDoubt)
        {
            _checkpoints.Begin(inDoubt, _stopping);
            if (!CollectCommit(wait))
            {
                return false;
            }
        }

        _windowsClosedSinceCheckpoint = false;
        if (advanceIdle)
        {
            // Waiting for a commit above may itself have been a stall: the idle rule must not count it as silence.
            NoticeStall(NowMicros());
            _owned.ConfirmEnds(_consumer!, NowMicros, NoticeStall);
            Reclaim(_owned.DueForReclaim(_consumer!, options.SessionTimeout));
            // So may the last broker query or the reclaim, if the broker was slow to answer.
            var now = NowMicros();
            NoticeStall(now);
            _owned.AdvanceIfIdle(now);
        }

        var deltas = _owned.Seal();
        if (deltas.Count > 0)
        {
            _checkpoints.Begin(deltas, _stopping);
            CollectCommit(wait);
        }

        ReportProgress();
        return true;
    }

    /// <summary>Applies what a finished commit reports; false while one is still running (and not waited for).</summary>
    private bool CollectCommit(bool wait)
    {
        CommitReport? report;
        try
        {
            report = wait ? _checkpoints.Complete() : _checkpoints.TryComplete();
        }
        catch (OperationCanceledException) when (wait && !_stopping.IsCancellationRequested)
        {
            // The stop cut a commit short; it is in doubt and goes again now, under the final checkpoint's budget.
            return true;
        }

        if (report is null)
        {
            return !_checkpoints.IsBusy;
        }

        foreach (var delta in report.Committed)
        {
            windowTable?.Committed(delta.Changes.ClosedWindows);
        }

        var rows = report.Rows;
        metrics.Committed(rows.ClosedWindows, rows.LateEvents, rows.RejectedEvents, report.Duration.TotalMilliseconds);
        _progress.Committed(rows.ClosedWindows, rows.LateEvents, rows.RejectedEvents, report.Duration.TotalMilliseconds);
        foreach (var fenced in report.Fenced)
        {
            _owned.Fence(fenced, _consumer!);
        }

        StoreOffsetsInKafka(report.Committed);
        return true;
    }

    /// <summary>Kafka's own offsets are for lag monitoring only (committed in the background); PostgreSQL is the source of truth.</summary>
    private void StoreOffsetsInKafka(IReadOnlyList<PartitionDelta> committed)
    {
        foreach (var delta in committed)
        {
            if (!_owned.TryGet(delta.Partition, out _))
            {
                continue;
            }

            try
            {
                _consumer!.StoreOffset(new TopicPartitionOffset(options.Topic, delta.Partition, delta.Changes.Checkpoint.NextOffset));
            }
            catch (KafkaException e)
            {
                Log.KafkaCommitFailed(logger, e.Error.Reason);
            }
        }
    }

    private void ReportProgress()
    {
        metrics.Consumed(_progress.TakeConsumed());
        _owned.ReportLag(_consumer!, _progress);

        if (_progress.Due(s_progressInterval) is { } report)
        {
            Log.Progress(logger, report.Rate, report.Consumed, report.Closed, report.Late, report.Rejected, report.Lag, report.LastCheckpointMs);
        }
    }

    private long NowMicros() => clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
}
