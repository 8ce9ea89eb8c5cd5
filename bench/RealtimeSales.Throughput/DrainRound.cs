namespace RealtimeSales.Throughput;

/// <summary>One interleaved round of the backlog phase.</summary>
/// <param name="ConsumeCeiling">A bare consumer draining the backlog through Confluent's <c>Consume</c> loop (runs in the harness).</param>
/// <param name="BatchCeiling">A bare consumer draining it through the aggregator's own batch path (runs in the harness).</param>
/// <param name="Aggregator">A new aggregator draining it, from owning its partitions to the commit of the checkpoint that reached the end.</param>
/// <param name="HarnessMicrosPerEvent">CPU the harness itself used per event while the aggregator drained (polling, sampling).</param>
/// <param name="LoadAverage">The 1, 5 and 15-minute load averages when the round started.</param>
/// <param name="Account">Where the database put the events (judged row for row against the topic).</param>
internal sealed record DrainRound(
    DrainRate ConsumeCeiling, DrainRate BatchCeiling, DrainRate Aggregator, double HarnessMicrosPerEvent, string LoadAverage, EventAccount Account)
{
    /// <summary>The faster of the two bare consumers in this round.</summary>
    public double Ceiling => Math.Max(ConsumeCeiling.EventsPerSecond, BatchCeiling.EventsPerSecond);

    public double Ratio => Aggregator.EventsPerSecond / Ceiling;
}
