namespace RealtimeSales.Data.Model;

/// <summary>
/// One partition's share of a closed window, written once in the checkpoint that closed it. A store normally
/// lives on one partition and its <see cref="WindowRevenue"/> row is that one share; a store on several partitions
/// has a share from each, and its row is their sum.
/// </summary>
public sealed class WindowShare
{
    public required string Topic { get; set; }

    public required int Partition { get; set; }

    /// <summary>The Kafka cluster the partition belonged to when the share was counted.</summary>
    public required string ClusterId { get; set; }

    public required string Store { get; set; }

    public required DateTime WindowStart { get; set; }

    public required DateTime WindowEnd { get; set; }

    public required decimal TotalRevenue { get; set; }

    public required int EventCount { get; set; }

    /// <summary>When the partition's watermark passed <see cref="WindowEnd"/> (UTC).</summary>
    public required DateTime ClosedAt { get; set; }
}
