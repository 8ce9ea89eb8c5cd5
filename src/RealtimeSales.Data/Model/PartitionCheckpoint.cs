namespace RealtimeSales.Data.Model;

/// <summary>
/// Where the aggregator is in one Kafka partition, written in the same transaction as everything that
/// offset range produced (DESIGN.md, "Exactly-once checkpoint").
/// </summary>
public sealed class PartitionCheckpoint
{
    public required string Topic { get; set; }

    public required int Partition { get; set; }

    /// <summary>The first offset not yet reflected in the database.</summary>
    public required long NextOffset { get; set; }

    /// <summary>The largest event time seen in the partition (UTC); <see langword="null"/> before any event.</summary>
    public required DateTime? MaxTimestamp { get; set; }

    /// <summary>The partition's watermark (UTC); <see langword="null"/> while it is minus infinity.</summary>
    public required DateTime? Watermark { get; set; }

    /// <summary>Bumped by each new owner; a checkpoint only updates the row while it still holds its generation.</summary>
    public required long Generation { get; set; }

    /// <summary>The Kafka cluster the offsets belong to; offsets from another cluster name other messages.</summary>
    public required string? ClusterId { get; set; }

    /// <summary>
    /// Set anew by every claim and checkpoint. A checkpoint applies only on top of the id it was built on, and a
    /// retried commit whose acknowledgement was lost finds its own id here.
    /// </summary>
    public required Guid CheckpointId { get; set; }

    public required DateTime UpdatedAt { get; set; }
}
