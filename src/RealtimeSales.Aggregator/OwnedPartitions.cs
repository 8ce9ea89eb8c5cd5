using System.Diagnostics;
using Confluent.Kafka;
using RealtimeSales.Aggregator.Checkpoints;

namespace RealtimeSales.Aggregator;

/// <summary>
/// The partitions this member owns, and those a fence took from it: what the consume loop feeds and checkpoints.
/// Used on the consume thread only.
/// </summary>
internal sealed class OwnedPartitions(AggregatorMetrics metrics, ILogger logger)
{
    /// <summary>How long a query for a partition's low and high watermarks may wait for the broker.</summary>
    public static readonly TimeSpan WatermarkQueryTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<int, OwnedPartition> _owned = [];
    private readonly Dictionary<int, long> _fencedAt = [];

    public IEnumerable<OwnedPartition> All => _owned.Values;

    public bool TryGet(int partition, out OwnedPartition owned) => _owned.TryGetValue(partition, out owned!);

    public void Add(OwnedPartition owned)
    {
        _owned[owned.Partition] = owned;
        _fencedAt.Remove(owned.Partition);
    }

    /// <summary>
    /// The group is taking the partition away: forget it. One a fence paused is resumed while it is still assigned:
    /// librdkafka keeps a partition's pause through a rebalance, and the group may give it back to this member, which
    /// would then never fetch it again.
    /// </summary>
    public void Release(TopicPartition partition, IConsumer<byte[]?, byte[]?> consumer)
    {
        _owned.Remove(partition.Partition.Value);
        if (_fencedAt.Remove(partition.Partition.Value))
        {
            consumer.Resume([partition]);
        }

        metrics.Released(partition.Partition.Value);
    }

    /// <summary>
    /// Another claim bumped the partition's generation: forget it and stop fetching it. Normally the group moves it
    /// to that owner and says so; if it is still ours a session later, the claim was stale (<see cref="DueForReclaim"/>).
    /// </summary>
    public void Fence(PartitionDelta delta, IConsumer<byte[]?, byte[]?> consumer)
    {
        if (!_owned.TryGetValue(delta.Partition, out var owned) || owned.Generation != delta.Generation)
        {
            return;
        }

        Log.Fenced(logger, delta.Partition);
        _owned.Remove(delta.Partition);
        consumer.Pause([owned.TopicPartition]);
        _fencedAt[delta.Partition] = Stopwatch.GetTimestamp();
        metrics.Released(delta.Partition);
    }

    /// <summary>Fenced partitions that the group still assigns to this member a whole session after the fence.</summary>
    public List<TopicPartition> DueForReclaim(IConsumer<byte[]?, byte[]?> consumer, TimeSpan sessionTimeout)
    {
        if (_fencedAt.Count == 0)
        {
            return [];
        }

        var assignment = consumer.Assignment;
        List<TopicPartition> due = [.. assignment.Where(assigned =>
            _fencedAt.TryGetValue(assigned.Partition.Value, out var fencedAt) && Stopwatch.GetElapsedTime(fencedAt) >= sessionTimeout)];
        foreach (var partition in due)
        {
            _fencedAt.Remove(partition.Partition.Value);
        }

        return due;
    }

    /// <summary>The consume thread stalled: every end it saw may be stale.</summary>
    public void Stalled()
    {
        foreach (var owned in _owned.Values)
        {
            owned.Stalled();
        }
    }

    /// <summary>
    /// Asks the broker where the log ends for every partition whose end is in doubt (after a stall) or whose watermark
    /// the idle rule is about to move: a partition is idle only while nothing newer exists at the broker.
    /// </summary>
    /// <param name="consumer">The consumer whose broker is asked.</param>
    /// <param name="nowMicros">The wall clock.</param>
    /// <param name="noticeStall">
    /// Looks for a stall since the consume thread last looked, at each answer: one query after another is the thread at
    /// work, not a stall (dozens of partitions take longer than the stall threshold in all), but an answer that a stall
    /// held up may be stale, and confirms nothing.
    /// </param>
    public void ConfirmEnds(IConsumer<byte[]?, byte[]?> consumer, Func<long> nowMicros, Func<long, bool> noticeStall)
    {
        foreach (var owned in _owned.Values)
        {
            if (!owned.NeedsEndConfirmation(nowMicros()))
            {
                continue;
            }

            try
            {
                var high = consumer.QueryWatermarkOffsets(owned.TopicPartition, WatermarkQueryTimeout).High.Value;
                var answeredAt = nowMicros();
                if (!noticeStall(answeredAt))
                {
                    owned.EndConfirmed(high, answeredAt);
                }
            }
            catch (KafkaException e)
            {
                // Not confirmed: the partition stays busy as far as the idle rule goes; the next checkpoint asks again.
                Log.KafkaError(logger, $"partition {owned.Partition}: asking for the high watermark failed: {e.Error.Reason}");
            }
        }
    }

    public void AdvanceIfIdle(long nowMicros)
    {
        foreach (var owned in _owned.Values)
        {
            owned.Windows.AdvanceIfIdle(nowMicros);
        }
    }

    /// <summary>Seals every partition that changed into the next checkpoint.</summary>
    public List<PartitionDelta> Seal()
    {
        List<PartitionDelta> deltas = [];
        foreach (var owned in _owned.Values)
        {
            if (owned.Windows.HasChanges)
            {
                deltas.Add(owned.Seal());
            }
        }

        return deltas;
    }

    /// <summary>Lag (from the high watermarks the consumer last saw) and watermark per partition, for metrics and the progress line.</summary>
    public void ReportLag(IConsumer<byte[]?, byte[]?> consumer, ProgressTally progress)
    {
        foreach (var owned in _owned.Values)
        {
            var high = consumer.GetWatermarkOffsets(owned.TopicPartition).High;
            var lag = high == Offset.Unset ? 0 : Math.Max(0, high.Value - owned.Windows.NextOffset);
            metrics.Partition(owned.Partition, lag, owned.Windows.WatermarkMicros);
            progress.Lag(owned.Partition, lag);
        }
    }
}
