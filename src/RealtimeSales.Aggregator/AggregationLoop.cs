using System.Diagnostics;
using Confluent.Kafka;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;
using RealtimeSales.Kafka;
using RealtimeSales.ServiceDefaults;

namespace RealtimeSales.Aggregator;

/// <summary>
/// The consume loop: reads <c>sales</c> in offset order, feeds each partition's window engine, and
/// checkpoints everything that changed at most every <c>CheckpointInterval</c> (DESIGN.md,
/// "Exactly-once checkpoint"). Runs on one dedicated thread; every Kafka callback runs on it too.
/// </summary>
internal sealed class AggregationLoop(
    AggregatorOptions options,
    KafkaClientFactory kafka,
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
    /// A closed window is what users wait for, so it is committed soon rather than at the next interval; this
    /// short delay lets the windows that close together across stores and partitions share one transaction.
    /// </summary>
    private static readonly TimeSpan s_closedWindowCheckpointDelay = TimeSpan.FromMilliseconds(20);

    private readonly WindowSpec _spec = WindowSpec.From(options.WindowSize, options.WatermarkDelay, options.EffectiveIdleTimeout);
    private readonly Dictionary<int, OwnedPartition> _owned = [];
    private readonly StoreNames _stores = new();
    private readonly ProgressTally _progress = new();
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private string? _clusterId;
    private CancellationToken _stopping;
    private bool _windowsClosedSinceCheckpoint;

    /// <summary>Raised when librdkafka reports a fatal error; the host stops.</summary>
    public event Action? Fatal;

    public void Run(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var consumer = kafka.CreateConsumer<byte[]?, byte[]?>(
            servers => KafkaClientDefaults.Consumer(servers, options.GroupId, options.SessionTimeout), builder => builder
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => Log.Librdkafka(logger, message.Facility, message.Message)));
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
                    Checkpoint();
                    lastCheckpoint = Stopwatch.GetTimestamp();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The stop interrupted a checkpoint or a claim. Nothing of it is marked committed: the final
                // checkpoint below sends the same delta again, and recognises it if the interrupted one landed.
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

        if (result is null || !_owned.TryGetValue(result.Partition.Value, out var owned))
        {
            return;
        }

        if (result.IsPartitionEOF)
        {
            owned.AtEnd = true;
            return;
        }

        owned.AtEnd = false;
        var offset = result.Offset.Value;
        if (offset < owned.Windows.NextOffset)
        {
            return;
        }

        // Hot path: the codec interns the store and allocates nothing for a valid sale.
        var now = NowMicros();
        var key = result.Message.Key;
        var value = result.Message.Value;
        if (SaleEventCodec.TryDecode(key, value, now, _stores, out Sale sale, out var rejection))
        {
            owned.Windows.Add(offset, sale, now);
            _windowsClosedSinceCheckpoint |= owned.Windows.ClosedWindows.Count > 0;
        }
        else
        {
            owned.Windows.Reject(offset, key, value, rejection, now);
        }

        _progress.CountConsumed();
    }

    private void Checkpoint()
    {
        _windowsClosedSinceCheckpoint = false;
        var now = NowMicros();
        foreach (var owned in _owned.Values)
        {
            if (owned.AtEnd)
            {
                owned.Windows.AdvanceIfIdle(now);
            }
        }

        List<OwnedPartition> changed = [.. _owned.Values.Where(owned => owned.Windows.HasChanges)];
        if (changed.Count > 0)
        {
            Commit(changed);
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

    private void Commit(List<OwnedPartition> changed)
    {
        var started = Stopwatch.GetTimestamp();
        int closed = changed.Sum(p => p.Windows.ClosedWindows.Count), late = changed.Sum(p => p.Windows.LateEvents.Count),
            rejected = changed.Sum(p => p.Windows.RejectedEvents.Count);
        while (changed.Count > 0)
        {
            var outcome = store.Commit(changed, _stopping);
            if (outcome.IsCommitted)
            {
                break;
            }

            foreach (var partition in outcome.FencedPartitions)
            {
                Drop(partition);
                Log.Fenced(logger, partition);
            }

            changed.RemoveAll(owned => outcome.FencedPartitions.Contains(owned.Partition));
        }

        foreach (var owned in changed)
        {
            owned.Windows.MarkCommitted();
        }

        var durationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        metrics.Committed(closed, late, rejected, durationMs);
        _progress.Committed(closed, late, rejected, durationMs);
        CommitOffsetsToKafka(changed);
    }

    /// <summary>Kafka's own offsets are for lag monitoring only; PostgreSQL is the source of truth.</summary>
    private void CommitOffsetsToKafka(List<OwnedPartition> committed)
    {
        if (committed.Count == 0)
        {
            return;
        }

        try
        {
            _consumer!.Commit(committed.Select(owned => new TopicPartitionOffset(owned.TopicPartition, owned.Windows.NextOffset)));
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
        var now = NowMicros();
        foreach (var claim in claimed)
        {
            var topicPartition = new TopicPartition(options.Topic, claim.Partition);
            _owned[claim.Partition] = new OwnedPartition(topicPartition, claim.Generation, clusterId ?? "",
                new PartitionWindows(_spec, claim.Checkpoint, claim.OpenWindows, now));
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
        Checkpoint();
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
            Checkpoint();
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
        metrics.Released(partition);
        _progress.Released(partition);
    }

    private long NowMicros() => clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
}
