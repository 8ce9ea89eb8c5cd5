using Confluent.Kafka;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator;

/// <summary>
/// A partition this process owns: its window engine, the generation that fences its checkpoints, the id of
/// the checkpoint its next delta builds on, and what the consumer knows about the end of the partition.
/// </summary>
/// <remarks>
/// The idle rule may only run while nothing newer exists at the broker (DESIGN.md, "Idle partitions"). A partition
/// EOF says so as of the fetch that produced it; after a stall of the consume thread that fetch may be long gone,
/// so ends are trusted again only from the high watermark a fresh query returns.
/// </remarks>
internal sealed class OwnedPartition(TopicPartition topicPartition, ClaimedPartition claim, string clusterId, PartitionWindows windows)
{
    private Guid _lastCheckpointId = claim.CheckpointId;

    /// <summary>Where the last partition EOF put the consumer, while no message has come since; null otherwise.</summary>
    private long? _endSeenAt;

    /// <summary>An EOF at or past this position is known to be current; <see cref="long.MaxValue"/> after a stall.</summary>
    private long _trustedEndFrom;

    public TopicPartition TopicPartition { get; } = topicPartition;

    public int Partition => TopicPartition.Partition.Value;

    public long Generation { get; } = claim.Generation;

    /// <summary>The cluster whose offsets these are; part of the key of late, rejected and gap rows.</summary>
    public string ClusterId { get; } = clusterId;

    public PartitionWindows Windows { get; } = windows;

    /// <summary>The consumer reports an end whose freshness only a query of the broker can settle.</summary>
    public bool NeedsEndConfirmation => _endSeenAt is { } position && position < _trustedEndFrom;

    /// <summary>A partition EOF at <paramref name="position"/>: caught up, if the end is trusted.</summary>
    public void EndReached(long position, long nowMicros)
    {
        _endSeenAt = position;
        if (position >= _trustedEndFrom)
        {
            Windows.CaughtUp(nowMicros);
        }
    }

    /// <summary>A message arrived: the consumer is not at the end.</summary>
    public void MessageReceived() => _endSeenAt = null;

    /// <summary>The consume thread stalled: what it knew of the end is stale.</summary>
    public void Stalled()
    {
        _trustedEndFrom = long.MaxValue;
        Windows.ForgetCaughtUp();
    }

    /// <summary>A fresh query says the broker's log ends at <paramref name="highWatermark"/>.</summary>
    public void EndConfirmed(long highWatermark, long nowMicros)
    {
        _trustedEndFrom = highWatermark;
        if (_endSeenAt is { } position && position >= highWatermark)
        {
            Windows.CaughtUp(nowMicros);
        }
    }

    /// <summary>Seals the engine's changes into the next checkpoint of this partition, chained to the previous one.</summary>
    public PartitionDelta Seal()
    {
        var delta = new PartitionDelta(Partition, Generation, ClusterId, _lastCheckpointId, Guid.CreateVersion7(), Windows.Seal());
        _lastCheckpointId = delta.CheckpointId;
        return delta;
    }
}
