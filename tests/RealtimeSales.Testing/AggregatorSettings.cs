namespace RealtimeSales.Testing;

/// <summary>
/// The <c>Aggregator:*</c> settings a test gives an aggregator process: short windows so that tests see
/// many of them close, and an idle timeout long enough that steady test traffic never triggers it.
/// </summary>
public sealed record AggregatorSettings
{
    public string GroupId { get; init; } = "sales-aggregator";

    public TimeSpan WindowSize { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan WatermarkDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(6);

    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>Aggregator:SessionTimeout</c>; <see langword="null"/> leaves the aggregator's default.</summary>
    public TimeSpan? SessionTimeout { get; init; }
}
