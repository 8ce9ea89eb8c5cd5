namespace RealtimeSales.Throughput;

/// <summary>Who used the CPU during a phase, in CPU seconds.</summary>
internal sealed record CpuUsage(double WallSeconds, int Cores, double MachineSeconds, IReadOnlyList<(string Name, double Seconds)> Groups)
{
    /// <summary>CPU time of processes outside the measured groups: other work on the machine.</summary>
    public double OtherSeconds => Math.Max(0, MachineSeconds - Groups.Sum(g => g.Seconds));

    /// <summary>Share of all cores over the phase's wall time.</summary>
    public double Share(double seconds) => seconds / (WallSeconds * Cores);

    /// <summary>CPU seconds of one group (see <see cref="Pipeline.MeasureCpu"/> for the names).</summary>
    public double Of(string group) => Groups.Single(g => g.Name == group).Seconds;

    /// <summary>CPU microseconds of one group per event.</summary>
    public double MicrosPerEvent(string group, long events) => Of(group) * 1e6 / events;
}
