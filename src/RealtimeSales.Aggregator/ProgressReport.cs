namespace RealtimeSales.Aggregator;

/// <summary>One progress line's numbers.</summary>
internal readonly record struct ProgressReport(
    double Rate, long Consumed, long Closed, long Late, long Rejected, long Lag, double LastCheckpointMs);
