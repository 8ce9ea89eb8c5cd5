namespace RealtimeSales.Throughput;

/// <summary>What the backlog phase measured.</summary>
/// <param name="ProducerAlone">The producer writing the backlog with nothing else running, first to last event.</param>
/// <param name="Events">Events in the backlog.</param>
/// <param name="Rounds">The interleaved drains, in order (the warm-up round not among them).</param>
internal sealed record BacklogRun(DrainRate ProducerAlone, long Events, IReadOnlyList<DrainRound> Rounds)
{
    /// <summary>The median over the rounds of the bare consumer on Confluent's <c>Consume</c> loop, events/s.</summary>
    public double ConsumeCeiling => Median(Rounds.Select(r => r.ConsumeCeiling.EventsPerSecond));

    /// <summary>The median over the rounds of the bare consumer on the aggregator's batch path, events/s.</summary>
    public double BatchCeiling => Median(Rounds.Select(r => r.BatchCeiling.EventsPerSecond));

    /// <summary>The ceiling the headline ratio is taken against: the faster of the two medians.</summary>
    public double Ceiling => Math.Max(ConsumeCeiling, BatchCeiling);

    /// <summary>Which bare consumer <see cref="Ceiling"/> is.</summary>
    public string CeilingName => BatchCeiling >= ConsumeCeiling ? "batch path" : "Consume loop";

    /// <summary>The median aggregator drain over the rounds, events/s.</summary>
    public double Aggregator => Median(Rounds.Select(r => r.Aggregator.EventsPerSecond));

    /// <summary>The round whose aggregator drain is the median one (its CPU breakdown is the one shown).</summary>
    public DrainRound MedianAggregatorRound => MedianBy(r => r.Aggregator.EventsPerSecond);

    /// <summary>The round whose faster ceiling is the median one.</summary>
    public DrainRound MedianCeilingRound => MedianBy(r => r.Ceiling);

    /// <summary>The median of <paramref name="values"/>; the mean of the middle two for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private DrainRound MedianBy(Func<DrainRound, double> rate) => Rounds.OrderBy(rate).ElementAt(Rounds.Count / 2);
}
