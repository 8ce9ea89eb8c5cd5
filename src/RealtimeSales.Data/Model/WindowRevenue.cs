namespace RealtimeSales.Data.Model;

/// <summary>A closed window: one store's revenue over <c>[WindowStart, WindowEnd)</c>. Final once written.</summary>
public sealed class WindowRevenue
{
    public required string Store { get; set; }

    /// <summary>The window's start (UTC), aligned to the Unix epoch in multiples of the window size.</summary>
    public required DateTime WindowStart { get; set; }

    /// <summary>The window's exclusive end (UTC).</summary>
    public required DateTime WindowEnd { get; set; }

    public required decimal TotalRevenue { get; set; }

    public required int EventCount { get; set; }

    /// <summary>When the watermark passed <see cref="WindowEnd"/> and the window was written (UTC).</summary>
    public required DateTime ClosedAt { get; set; }
}
