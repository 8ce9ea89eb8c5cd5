namespace RealtimeSales.Data.Model;

/// <summary>
/// A window still collecting events, as of a partition's last checkpoint; its end is
/// <see cref="WindowStart"/> plus the window size.
/// </summary>
public sealed class OpenWindow
{
    public required string Topic { get; set; }

    public required int Partition { get; set; }

    public required string Store { get; set; }

    public required DateTime WindowStart { get; set; }

    public required decimal TotalRevenue { get; set; }

    public required int EventCount { get; set; }
}
