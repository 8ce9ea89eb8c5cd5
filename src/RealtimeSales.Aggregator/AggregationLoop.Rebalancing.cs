using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator;

/// <summary>The consume loop's part in rebalances: claiming, checkpointing before release, retention gaps and cluster changes.</summary>
internal sealed partial class AggregationLoop
{
    /// <summary>Claims fenced partitions the group still assigns to this member: the claim that fenced them was stale.</summary>
    private void Reclaim(List<TopicPartition> partitions)
    {
        if (partitions.Count > 0)
        {
            Log.Reclaimed(logger, string.Join(", ", partitions.Select(p => p.Partition.Value)));
            Reposition(Claim(partitions));
            _consumer!.Resume(partitions);
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
            _owned.Add(new OwnedPartition(topicPartition, claim, clusterId ?? "", new PartitionWindows(_spec, claim.Checkpoint, claim.OpenWindows)));
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
            Release(partition.TopicPartition);
        }

        Log.Revoked(logger, string.Join(", ", partitions.Select(p => p.Partition.Value)));
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        foreach (var partition in partitions)
        {
            Release(partition.TopicPartition);
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
            var positions = Claim([.. _owned.All.Select(p => p.TopicPartition)]);
            Reposition(positions);
            return positions.Select(position => position.Partition.Value);
        }

        _owned.TryGet(topicPartition.Partition.Value, out var partition);
        var (low, high) = _consumer!.QueryWatermarkOffsets(topicPartition, OwnedPartitions.WatermarkQueryTimeout) is var range
            ? (range.Low.Value, range.High.Value)
            : default;
        var from = partition.Windows.NextOffset;
        var to = from;
        if (from < low)
        {
            partition.Windows.SkipTo(low, "retention removed unread messages", NowMicros());
            Log.Gap(logger, partition.Partition, from, low);
            to = low;
        }
        else if (from > high)
        {
            // The same cluster lost the end of its log (an unclean leader election, say): new messages take those offsets.
            partition.Windows.RewindTo(high);
            Log.LogTruncated(logger, partition.Partition, high, from);
            to = high;
        }

        // Otherwise the error was stale, the partition already back in range (claimed again after a cluster change): nothing is lost.
        Reposition([new TopicPartitionOffset(topicPartition, to)]);
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

    private void Release(TopicPartition partition)
    {
        _owned.Release(partition, _consumer!);
        _progress.Released(partition.Partition.Value);
        // Whether its last checkpoint landed is the next owner's to find out: it resumes from whatever did.
        _checkpoints.Forget(partition.Partition.Value);
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
}
