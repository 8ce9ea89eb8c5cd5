namespace RealtimeSales.Data.Model;

/// <summary>
/// A closed window: one store's revenue over <c>[WindowStart, WindowEnd)</c>, the sum of the partitions'
/// <see cref="WindowShare"/>s. A store on one partition (the normal case) has one share, so its row never changes
/// once written; a store on several grows as each partition closes the window, and is final once every partition's
/// watermark has passed <see cref="WindowEnd"/>.
/// </summary>
public sealed class WindowRevenue
{
    public required string Store { get; set; }

    /// <summary>The window's start (UTC), aligned to the Unix epoch in multiples of the window size.</summary>
    public required DateTime WindowStart { get; set; }

    /// <summary>The window's exclusive end (UTC).</summary>
    public required DateTime WindowEnd { get; set; }

    public required decimal TotalRevenue { get; set; }

    public required int EventCount { get; set; }

    /// <summary>When the latest share was committed (UTC): for a store on one partition, when its watermark passed <see cref="WindowEnd"/>.</summary>
    public required DateTime ClosedAt { get; set; }
}
