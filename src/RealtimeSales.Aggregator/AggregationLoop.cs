using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Consuming;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;
using RealtimeSales.ServiceDefaults;

namespace RealtimeSales.Aggregator;

/// <summary>
/// The consume loop: reads <c>sales</c> in offset order, feeds each partition's window engine, and checkpoints
/// everything that changed at most every <c>CheckpointInterval</c> (DESIGN.md, "Exactly-once checkpoint"). Runs on
/// one dedicated thread, and so does every Kafka callback; checkpoints commit beside it (<see cref="CheckpointPipeline"/>).
/// </summary>
internal sealed class AggregationLoop(
    AggregatorOptions options,
    string bootstrapServers,
    CheckpointStore store,
    ClusterIdentity cluster,
    AggregatorMetrics metrics,
    AggregatorHealth health,
    TimeProvider clock,
    ILogger logger)
{
    private static readonly TimeSpan s_pollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_watermarkQueryTimeout = TimeSpan.FromSeconds(10);
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
    private readonly Dictionary<int, OwnedPartition> _owned = [];
    private readonly Dictionary<int, long> _fencedAt = [];
    private readonly StoreNames _stores = new();
    private readonly ProgressTally _progress = new();
    private readonly StallDetector _stalls = new(s_stallThreshold);
    private readonly CheckpointPipeline _checkpoints = new(store);
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
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientDefaults.Consumer(bootstrapServers, options.GroupId, options.SessionTimeout))
            .SetPartitionsAssignedHandler((_, partitions) => Guarded(() => OnAssigned(partitions), partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset))))
            .SetPartitionsRevokedHandler((_, partitions) => Guarded(() => OnRevoked(partitions)))
            .SetPartitionsLostHandler((_, partitions) => Guarded(() => OnLost(partitions)))
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => Log.Librdkafka(logger, message.Facility, message.Message))
            .Build();
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
        if (_stalls.Poll(now) is { } stall)
        {
            OnStall(stall);
        }

        HashSet<int>? repositioned = null;
        var consumed = 0;
        for (var i = 0; i < count; i++)
        {
            ref readonly var message = ref batch[i];
            if (!_owned.TryGetValue(message.Partition, out var owned) || repositioned?.Contains(message.Partition) == true)
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

    /// <summary>The consume thread was away long enough that ends it saw may be stale (DESIGN.md, "Idle partitions").</summary>
    private void OnStall(TimeSpan stall)
    {
        Log.Stalled(logger, stall);
        foreach (var owned in _owned.Values)
        {
            owned.Stalled();
        }
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
            ConfirmEnds();
            ReclaimFenced();
            var now = NowMicros();
            foreach (var owned in _owned.Values)
            {
                owned.Windows.AdvanceIfIdle(now);
            }
        }

        List<PartitionDelta> deltas = [];
        foreach (var owned in _owned.Values)
        {
            if (owned.Windows.HasChanges)
            {
                deltas.Add(owned.Seal());
            }
        }

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

        int closed = 0, late = 0, rejected = 0;
        foreach (var delta in report.Committed)
        {
            closed += delta.Changes.ClosedWindows.Count;
            late += delta.Changes.LateEvents.Count;
            rejected += delta.Changes.RejectedEvents.Count;
        }

        metrics.Committed(closed, late, rejected, report.Duration.TotalMilliseconds);
        _progress.Committed(closed, late, rejected, report.Duration.TotalMilliseconds);
        foreach (var fenced in report.Fenced)
        {
            Fence(fenced);
        }

        StoreOffsetsInKafka(report.Committed);
        return true;
    }

    /// <summary>Kafka's own offsets are for lag monitoring only (committed in the background); PostgreSQL is the source of truth.</summary>
    private void StoreOffsetsInKafka(IReadOnlyList<PartitionDelta> committed)
    {
        foreach (var delta in committed)
        {
            if (!_owned.ContainsKey(delta.Partition))
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
        foreach (var owned in _owned.Values)
        {
            var high = _consumer!.GetWatermarkOffsets(owned.TopicPartition).High;
            var lag = high == Offset.Unset ? 0 : Math.Max(0, high.Value - owned.Windows.NextOffset);
            metrics.Partition(owned.Partition, lag, owned.Windows.WatermarkMicros);
            _progress.Lag(owned.Partition, lag);
        }

        if (_progress.Due(s_progressInterval) is { } report)
        {
            Log.Progress(logger, report.Rate, report.Consumed, report.Closed, report.Late, report.Rejected, report.Lag, report.LastCheckpointMs);
        }
    }

    /// <summary>
    /// After a stall, an end the consumer reports is believed only once the broker's high watermark, asked now,
    /// says nothing newer exists. Until then the partition is not idle, whatever the clock says.
    /// </summary>
    private void ConfirmEnds()
    {
        foreach (var owned in _owned.Values)
        {
            if (!owned.NeedsEndConfirmation)
            {
                continue;
            }

            try
            {
                var high = _consumer!.QueryWatermarkOffsets(owned.TopicPartition, s_watermarkQueryTimeout).High.Value;
                owned.EndConfirmed(high, NowMicros());
            }
            catch (KafkaException e)
            {
                // Not confirmed: the partition stays busy as far as the idle rule goes; the next checkpoint asks again.
                Log.KafkaError(logger, $"partition {owned.Partition}: asking for the high watermark failed: {e.Error.Reason}");
            }
        }
    }

    /// <summary>
    /// Another claim bumped the partition's generation: forget it and stop fetching it. Normally the group moves it
    /// to that owner and says so; if it is still ours a session later, the claim was stale and it is reclaimed.
    /// </summary>
    private void Fence(PartitionDelta delta)
    {
        if (!_owned.TryGetValue(delta.Partition, out var owned) || owned.Generation != delta.Generation)
        {
            return;
        }

        Log.Fenced(logger, delta.Partition);
        _owned.Remove(delta.Partition);
        _consumer!.Pause([owned.TopicPartition]);
        _fencedAt[delta.Partition] = Stopwatch.GetTimestamp();
        metrics.Released(delta.Partition);
    }

    private void ReclaimFenced()
    {
        if (_fencedAt.Count == 0)
        {
            return;
        }

        var assignment = _consumer!.Assignment;
        List<TopicPartition> reclaim = [];
        foreach (var (partition, fencedAt) in _fencedAt)
        {
            if (Stopwatch.GetElapsedTime(fencedAt) >= options.SessionTimeout && assignment.Any(p => p.Partition.Value == partition))
            {
                reclaim.Add(new TopicPartition(options.Topic, partition));
            }
        }

        foreach (var partition in reclaim)
        {
            _fencedAt.Remove(partition.Partition.Value);
        }

        if (reclaim.Count > 0)
        {
            Log.Reclaimed(logger, string.Join(", ", reclaim.Select(p => p.Partition.Value)));
            Reposition(Claim(reclaim));
            _consumer.Resume(reclaim);
        }
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            health.Assigned();
            return [];
        }

        var resumeAt = Claim(partitions);
        health.Assigned();
        Log.Assigned(logger, options.Topic, string.Join(", ", partitions.Select(p => p.Partition.Value)),
            string.Join(", ", resumeAt.Select(p => $"{p.Partition.Value}@{p.Offset.Value}")));
        return resumeAt;
    }

    /// <summary>Bumps each partition's generation, loads its checkpoint and open windows, and says where to resume.</summary>
    private List<TopicPartitionOffset> Claim(IReadOnlyList<TopicPartition> partitions)
    {
        var clusterId = cluster.Current();
        var claimed = store.Claim([.. partitions.Select(p => p.Partition.Value)], clusterId, _stopping);
        foreach (var claim in claimed)
        {
            var topicPartition = new TopicPartition(options.Topic, claim.Partition);
            _owned[claim.Partition] = new OwnedPartition(topicPartition, claim, clusterId ?? "",
                new PartitionWindows(_spec, claim.Checkpoint, claim.OpenWindows));
            _fencedAt.Remove(claim.Partition);
        }

        if (claimed.FirstOrDefault(claim => claim.PreviousClusterId is not null && claim.PreviousClusterId != clusterId) is { } changed
            && clusterId is not null)
        {
            Log.ClusterChanged(logger, changed.PreviousClusterId!, clusterId, options.Topic);
        }

        _clusterId = clusterId ?? _clusterId;
        return [.. claimed.Select(claim => new TopicPartitionOffset(options.Topic, claim.Partition, claim.Checkpoint.NextOffset))];
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions)
    {
        Checkpoint(advanceIdle: false, wait: true);
        foreach (var partition in partitions)
        {
            Release(partition.Partition.Value);
        }

        Log.Revoked(logger, string.Join(", ", partitions.Select(p => p.Partition.Value)));
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        foreach (var partition in partitions)
        {
            Release(partition.Partition.Value);
        }

        Log.Lost(logger, string.Join(", ", partitions.Select(p => p.Partition.Value)));
    }

    /// <summary>
    /// <c>auto.offset.reset=error</c> fired: either the cluster was replaced (new id: start afresh) or retention
    /// removed offsets we had not read (record the gap, go on from the log's start). Returns the partitions moved.
    /// </summary>
    private IEnumerable<int> OnOffsetOutOfRange(TopicPartition topicPartition)
    {
        if (cluster.Current() is { } current && _clusterId is not null && current != _clusterId)
        {
            // Commit what was really read from the old cluster, then claim again: the claim records the change.
            Checkpoint(advanceIdle: false, wait: true);
            var positions = Claim([.. _owned.Values.Select(p => p.TopicPartition)]);
            Reposition(positions);
            return positions.Select(position => position.Partition.Value);
        }

        var partition = _owned[topicPartition.Partition.Value];
        var low = _consumer!.QueryWatermarkOffsets(topicPartition, s_watermarkQueryTimeout).Low.Value;
        var from = partition.Windows.NextOffset;
        partition.Windows.SkipTo(low, from < low ? "retention removed unread messages" : $"log restarted below the checkpoint (next offset {from})", NowMicros());
        Log.Gap(logger, partition.Partition, from, low);
        Reposition([new TopicPartitionOffset(topicPartition, low)]);
        return [partition.Partition];
    }

    /// <summary>
    /// Moves partitions to new offsets. A partition stopped by an offset-out-of-range error refuses a seek
    /// ("Erroneous state"), so it is unassigned and assigned again at the offset.
    /// </summary>
    private void Reposition(IReadOnlyList<TopicPartitionOffset> positions)
    {
        _consumer!.IncrementalUnassign(positions.Select(position => position.TopicPartition));
        _consumer.IncrementalAssign(positions);
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            Log.KafkaFatal(logger, error.Reason);
            Fatal?.Invoke();
            return;
        }

        Log.KafkaError(logger, error.Reason);
    }

    private void Release(int partition)
    {
        _owned.Remove(partition);
        _fencedAt.Remove(partition);
        // Whether its last checkpoint landed is the next owner's to find out: it resumes from whatever did.
        _checkpoints.Forget(partition);
        metrics.Released(partition);
        _progress.Released(partition);
    }

    /// <summary>
    /// Runs a rebalance handler inside librdkafka's callback. What it throws is kept and rethrown once the poll
    /// returns (Confluent would otherwise hold it until Close); Confluent gets <paramref name="fallback"/> instead.
    /// </summary>
    private T Guarded<T>(Func<T> handler, T fallback)
    {
        try
        {
            return handler();
        }
        catch (Exception e)
        {
            _handlerFailure ??= ExceptionDispatchInfo.Capture(e);
            return fallback;
        }
    }

    private void Guarded(Action handler) => Guarded(() =>
    {
        handler();
        return true;
    }, false);

    private void RethrowHandlerFailure()
    {
        if (_handlerFailure is { } failure)
        {
            _handlerFailure = null;
            failure.Throw();
        }
    }

    private long NowMicros() => clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
}
