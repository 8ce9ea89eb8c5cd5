namespace RealtimeSales.Throughput;

/// <summary>What the backlog phase measured.</summary>
/// <param name="ProducerAlone">The producer writing the backlog with nothing else running, first to last event, events/s.</param>
/// <param name="Ceiling">The bare consumer draining it, events/s.</param>
/// <param name="CeilingCpu">Who used the CPU while it drained (the bare consumer runs in the harness process).</param>
/// <param name="Aggregator">The aggregator draining the same backlog, from owning its partitions to the last checkpoint, events/s.</param>
/// <param name="AggregatorCpu">Who used the CPU while the aggregator drained it.</param>
internal sealed record BacklogRun(double ProducerAlone, double Ceiling, CpuUsage CeilingCpu, double Aggregator, CpuUsage AggregatorCpu);
