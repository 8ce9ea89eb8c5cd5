namespace RealtimeSales.Throughput;

/// <summary>What the aggregator + producer run measured.</summary>
/// <param name="EventsPerSecond">Events over the time from the first event produced to the last checkpoint committed.</param>
/// <param name="ProducerEventsPerSecond">The producer's own rate meanwhile, first to last event.</param>
/// <param name="Account">Where the database put the events (checked row for row against the topic).</param>
/// <param name="Cpu">Who used the CPU meanwhile.</param>
/// <param name="Lag">Checkpoint lag and partition ownership changes meanwhile.</param>
/// <param name="FirstProduced">The producer's timestamp on the first event.</param>
/// <param name="LastCommitted">The commit of the checkpoint that accounted for the last event.</param>
internal sealed record AggregatorRun(
    double EventsPerSecond, double ProducerEventsPerSecond, EventAccount Account, CpuUsage Cpu, LagReport Lag,
    DateTime FirstProduced, DateTime LastCommitted);
