namespace RealtimeSales.Throughput;

/// <summary>What <see cref="LagMonitor"/> saw during a phase.</summary>
/// <param name="Samples">Lag samples taken, one a second.</param>
/// <param name="MaxLag">The most events the topic held beyond the committed checkpoints.</param>
/// <param name="MedianLag">The median of the samples.</param>
/// <param name="OwnershipChanges">Assignment, revocation and loss lines in the aggregator's log during the phase.</param>
/// <param name="AggregatorReplaced">The aggregator exited or was replaced during the phase (then the count is incomplete).</param>
internal sealed record LagReport(int Samples, long MaxLag, long MedianLag, int OwnershipChanges, bool AggregatorReplaced);
