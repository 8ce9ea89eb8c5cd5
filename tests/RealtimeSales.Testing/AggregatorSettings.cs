using RealtimeSales.Oracle;

namespace RealtimeSales.Testing;

/// <summary>
/// The <c>Aggregator:*</c> settings a test gives an aggregator process: short windows so that tests see many of
/// them close, and the idle timeout at its default of 2·W. The recount models the idle rule, so tests need not
/// keep it out of the way.
/// </summary>
public sealed record AggregatorSettings
{
    public string GroupId { get; init; } = "sales-aggregator";

    public TimeSpan WindowSize { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan WatermarkDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>Aggregator:SessionTimeout</c>; <see langword="null"/> leaves the aggregator's default.</summary>
    public TimeSpan? SessionTimeout { get; init; }

    /// <summary>The window rules the recount applies for these settings.</summary>
    public WindowRules Rules => new(WindowSize, WatermarkDelay, IdleTimeout);
}
