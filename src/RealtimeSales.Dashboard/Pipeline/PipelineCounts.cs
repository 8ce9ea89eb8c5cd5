namespace RealtimeSales.Dashboard.Pipeline;

/// <summary>
/// The workers' counters, summed over their processes: totals, the change between two readings, or, divided by
/// the seconds between them, rates.
/// </summary>
internal readonly record struct PipelineCounts(double Produced, double ProduceFailed, double Consumed, double WindowsClosed, double Late, double Rejected)
{
    public static PipelineCounts operator +(PipelineCounts a, PipelineCounts b) => new(
        a.Produced + b.Produced, a.ProduceFailed + b.ProduceFailed, a.Consumed + b.Consumed,
        a.WindowsClosed + b.WindowsClosed, a.Late + b.Late, a.Rejected + b.Rejected);

    public static PipelineCounts operator -(PipelineCounts a, PipelineCounts b) => new(
        a.Produced - b.Produced, a.ProduceFailed - b.ProduceFailed, a.Consumed - b.Consumed,
        a.WindowsClosed - b.WindowsClosed, a.Late - b.Late, a.Rejected - b.Rejected);

    /// <summary>
    /// How much each counter grew since <paramref name="previous"/>. A counter below its previous value means the
    /// process restarted and counts from zero again, so all of its value is new (Prometheus's <c>increase</c> rule).
    /// </summary>
    public PipelineCounts Since(PipelineCounts previous) => new(
        Increase(Produced, previous.Produced), Increase(ProduceFailed, previous.ProduceFailed), Increase(Consumed, previous.Consumed),
        Increase(WindowsClosed, previous.WindowsClosed), Increase(Late, previous.Late), Increase(Rejected, previous.Rejected));

    public PipelineCounts PerSecond(double seconds) => seconds <= 0
        ? default
        : new(Produced / seconds, ProduceFailed / seconds, Consumed / seconds, WindowsClosed / seconds, Late / seconds, Rejected / seconds);

    internal static double Increase(double current, double previous) => current >= previous ? current - previous : current;
}
