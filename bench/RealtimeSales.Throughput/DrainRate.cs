namespace RealtimeSales.Throughput;

/// <summary>One drain of the backlog: its rate, and the CPU the draining process used per event meanwhile.</summary>
/// <param name="EventsPerSecond">Events over the drain's wall time.</param>
/// <param name="CpuMicrosPerEvent">CPU microseconds of the draining process (the harness for a bare consumer) per event.</param>
/// <param name="Cpu">Who used the CPU meanwhile, per process group.</param>
internal sealed record DrainRate(double EventsPerSecond, double CpuMicrosPerEvent, CpuUsage Cpu)
{
    /// <summary>A drain of <paramref name="events"/> at <paramref name="eventsPerSecond"/>, done by the process group <paramref name="group"/>.</summary>
    public static DrainRate Of(double eventsPerSecond, CpuUsage cpu, string group, long events) =>
        new(eventsPerSecond, cpu.MicrosPerEvent(group, events), cpu);
}
