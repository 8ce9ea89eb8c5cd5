using System.Diagnostics;
using Confluent.Kafka;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;
using RealtimeSales.ServiceDefaults;

namespace RealtimeSales.Aggregator;

/// <summary>
/// The consume loop: reads <c>sales</c> in offset order, feeds each partition's window engine, and
/// checkpoints everything that changed at most every <c>CheckpointInterval</c> (DESIGN.md,
/// "Exactly-once checkpoint"). Runs on one dedicated thread; every Kafka callback runs on it too.
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
    /// Longer than this between two polls is a stall. A poll waits at most <see cref="s_pollTimeout"/> and a
    /// checkpoint normally takes milliseconds; mistaking a slow moment for a stall costs one watermark query.
    /// </summary>
    private static readonly TimeSpan s_stallThreshold = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A closed window is what users wait for, so it is committed soon rather than at the next interval; this
    /// short delay lets the windows that close together across stores and partitions share one transaction.
    /// </summary>
    private static readonly TimeSpan s_closedWindowCheckpointDelay = TimeSpan.FromMilliseconds(20);

    private readonly WindowSpec _spec = WindowSpec.From(options.WindowSize, options.WatermarkDelay, options.EffectiveIdleTimeout);
    private readonly Dictionary<int, OwnedPartition> _owned = [];
    private readonly StoreNames _stores = new();
    private readonly ProgressTally _progress = new();
    private readonly StallDetector _stalls = new(s_stallThreshold);
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private string? _clusterId;
    private CancellationToken _stopping;
    private bool _windowsClosedSinceCheckpoint;

    /// <summary>A checkpoint that was sent but not known to have committed (a stop interrupted it): it goes first next time.</summary>
    private List<PartitionDelta>? _inDoubt;

    /// <summary>Raised when librdkafka reports a fatal error; the host stops.</summary>
    public event Action? Fatal;

    public void Run(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientDefaults.Consumer(bootstrapServers, options.GroupId, options.SessionTimeout))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => Log.Librdkafka(logger, message.Facility, message.Message))
            .Build();
        _consumer = consumer;
        consumer.Subscribe(options.Topic);

        var lastCheckpoint = Stopwatch.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                ConsumeNext(consumer);
                var sinceCheckpoint = Stopwatch.GetElapsedTime(lastCheckpoint);
                if (sinceCheckpoint >= options.CheckpointInterval
                    || (_windowsClosedSinceCheckpoint && sinceCheckpoint >= s_closedWindowCheckpointDelay))
                {
                    Checkpoint(advanceIdle: true);
                    lastCheckpoint = Stopwatch.GetTimestamp();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The stop interrupted a checkpoint or a claim. A checkpoint it interrupted stays in doubt: the final
                // checkpoint below sends it again first, and recognises it if the interrupted attempt landed.
            }
        }

        // Leaving the group revokes every partition, and revocation checkpoints first (OnRevoked). The stopping
        // token is already cancelled, so that last checkpoint gets a bounded budget of its own: if PostgreSQL is
        // down it gives up, and the uncommitted work is replayed by the next owner.
        using var finalCheckpoint = new CancellationTokenSource(s_finalCheckpointTimeout);
        _stopping = finalCheckpoint.Token;
        consumer.Close();
        Log.Stopped(logger);
    }

    private void ConsumeNext(IConsumer<byte[]?, byte[]?> consumer)
    {
        ConsumeResult<byte[]?, byte[]?>? result;
        try
        {
            result = consumer.Consume(s_pollTimeout);
        }
        catch (ConsumeException e) when (e.Error.Code == ErrorCode.Local_AutoOffsetReset)
        {
            // Only the partition is read: the topic name is not marshalled (ConsumeResultFields in KafkaClientDefaults).
            OnOffsetOutOfRange(new TopicPartition(options.Topic, e.ConsumerRecord.Partition));
            return;
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            // E.g. the topic does not exist yet on a real cluster: say so and keep polling.
            Log.KafkaError(logger, e.Error.Reason);
            return;
        }

        var now = NowMicros();
        if (_stalls.Poll(now) is { } stall)
        {
            OnStall(stall);
        }

        if (result is null || !_owned.TryGetValue(result.Partition.Value, out var owned))
        {
            return;
        }

        if (result.IsPartitionEOF)
        {
            owned.EndReached(result.Offset.Value, now);
            return;
        }

        owned.MessageReceived();
        var offset = result.Offset.Value;
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

        // Hot path: the codec interns the store and allocates nothing for a valid sale.
        var key = result.Message.Key;
        var value = result.Message.Value;
        if (SaleEventCodec.TryDecode(key, value, now, _stores, out Sale sale, out var rejection))
        {
            owned.Windows.Add(offset, sale, now);
            _windowsClosedSinceCheckpoint |= owned.Windows.PendingClosedWindows > 0;
        }
        else
        {
            owned.Windows.Reject(offset, key, value, rejection, now);
        }

        _progress.CountConsumed();
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

    /// <param name="advanceIdle">Whether idle partitions' watermarks may move; not while partitions are being revoked.</param>
    private void Checkpoint(bool advanceIdle)
    {
        _windowsClosedSinceCheckpoint = false;
        if (advanceIdle)
        {
            ConfirmEnds();
            var now = NowMicros();
            foreach (var owned in _owned.Values)
            {
                owned.Windows.AdvanceIfIdle(now);
            }
        }

        if (_inDoubt is { } inDoubt)
        {
            Commit(inDoubt);
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
            Commit(deltas);
        }

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

    /// <summary>Commits <paramref name="deltas"/>, dropping any partition another owner has fenced; in doubt until it returns.</summary>
    private void Commit(List<PartitionDelta> deltas)
    {
        _inDoubt = deltas;
        var started = Stopwatch.GetTimestamp();
        while (deltas.Count > 0)
        {
            var outcome = store.Commit(deltas, _stopping);
            if (outcome.IsCommitted)
            {
                break;
            }

            foreach (var partition in outcome.FencedPartitions)
            {
                Drop(partition);
                Log.Fenced(logger, partition);
            }

            deltas.RemoveAll(delta => outcome.FencedPartitions.Contains(delta.Partition));
        }

        _inDoubt = null;
        int closed = 0, late = 0, rejected = 0;
        foreach (var delta in deltas)
        {
            closed += delta.Changes.ClosedWindows.Count;
            late += delta.Changes.LateEvents.Count;
            rejected += delta.Changes.RejectedEvents.Count;
        }

        var durationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        metrics.Committed(closed, late, rejected, durationMs);
        _progress.Committed(closed, late, rejected, durationMs);
        CommitOffsetsToKafka(deltas);
    }

    /// <summary>Kafka's own offsets are for lag monitoring only; PostgreSQL is the source of truth.</summary>
    private void CommitOffsetsToKafka(List<PartitionDelta> committed)
    {
        if (committed.Count == 0)
        {
            return;
        }

        try
        {
            _consumer!.Commit(committed.Select(delta =>
                new TopicPartitionOffset(options.Topic, delta.Partition, delta.Changes.Checkpoint.NextOffset)));
        }
        catch (KafkaException e)
        {
            Log.KafkaCommitFailed(logger, e.Error.Reason);
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
        Checkpoint(advanceIdle: false);
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
    /// <c>auto.offset.reset=error</c> fired: either the cluster was replaced (new id: start afresh) or
    /// retention removed offsets we had not read (record the gap, go on from the log's start).
    /// </summary>
    private void OnOffsetOutOfRange(TopicPartition topicPartition)
    {
        if (cluster.Current() is { } current && _clusterId is not null && current != _clusterId)
        {
            // Commit what was really read from the old cluster, then claim again: the claim records the change.
            Checkpoint(advanceIdle: false);
            Reposition(Claim([.. _owned.Values.Select(p => p.TopicPartition)]));
            return;
        }

        if (!_owned.TryGetValue(topicPartition.Partition.Value, out var partition))
        {
            return;
        }

        var low = _consumer!.QueryWatermarkOffsets(topicPartition, s_watermarkQueryTimeout).Low.Value;
        var from = partition.Windows.NextOffset;
        partition.Windows.SkipTo(low, from < low ? "retention removed unread messages" : $"log restarted below the checkpoint (next offset {from})", NowMicros());
        Log.Gap(logger, partition.Partition, from, low);
        Reposition([new TopicPartitionOffset(topicPartition, low)]);
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

    /// <summary>Another owner holds the partition now: forget it and stop fetching it until the group catches up.</summary>
    private void Drop(int partition)
    {
        if (_owned.Remove(partition, out var owned))
        {
            _consumer!.Pause([owned.TopicPartition]);
        }

        metrics.Released(partition);
    }

    private void Release(int partition)
    {
        _owned.Remove(partition);
        // Whether its last checkpoint landed is the next owner's to find out: it resumes from whatever did.
        _inDoubt?.RemoveAll(delta => delta.Partition == partition);
        metrics.Released(partition);
        _progress.Released(partition);
    }

    private long NowMicros() => clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
}
