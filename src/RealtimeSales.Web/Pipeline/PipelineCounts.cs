namespace RealtimeSales.Web.Pipeline;

/// <summary>
/// The pipeline's totals: messages in the topic (produced), messages covered by checkpoints (consumed), rows in the
/// result tables. Also the change between two readings, or, divided by the seconds between them, rates.
/// </summary>
internal readonly record struct PipelineCounts(double Produced, double Consumed, double WindowsClosed, double Late, double Rejected)
{
    public static PipelineCounts operator +(PipelineCounts a, PipelineCounts b) => new(
        a.Produced + b.Produced, a.Consumed + b.Consumed, a.WindowsClosed + b.WindowsClosed, a.Late + b.Late, a.Rejected + b.Rejected);

    public static PipelineCounts operator -(PipelineCounts a, PipelineCounts b) => new(
        a.Produced - b.Produced, a.Consumed - b.Consumed, a.WindowsClosed - b.WindowsClosed, a.Late - b.Late, a.Rejected - b.Rejected);

    /// <summary>
    /// How much each total grew since <paramref name="previous"/>. A total below its previous value means it started
    /// again from zero (a DevBroker restart empties the topic), so all of its value is new (Prometheus's <c>increase</c> rule).
    /// </summary>
    public PipelineCounts Since(PipelineCounts previous) => new(
        Increase(Produced, previous.Produced), Increase(Consumed, previous.Consumed), Increase(WindowsClosed, previous.WindowsClosed),
        Increase(Late, previous.Late), Increase(Rejected, previous.Rejected));

    public PipelineCounts PerSecond(double seconds) => seconds <= 0
        ? default
        : new(Produced / seconds, Consumed / seconds, WindowsClosed / seconds, Late / seconds, Rejected / seconds);

    internal static double Increase(double current, double previous) => current >= previous ? current - previous : current;
}
