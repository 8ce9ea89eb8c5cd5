using System.Text;

namespace RealtimeSales.Oracle;

/// <summary>The recount, the tables, and every difference between them: empty when the pipeline counted exactly once.</summary>
/// <param name="Logs">The topic as read: a replaced broker's log first, the current one last.</param>
/// <param name="Produced">What the producers said they sent.</param>
/// <param name="Expected">The recount.</param>
/// <param name="Actual">The tables.</param>
/// <param name="Differences">Every difference and violated rule; empty when all is well.</param>
public sealed record ExactlyOnceReport(
    IReadOnlyList<TopicLog> Logs, ProducerTally Produced, Recount Expected, PublishedTables Actual, IReadOnlyList<Difference> Differences)
{
    private const int DifferencesShownPerTable = 8;

    public long MessagesInTopic => Logs.Sum(log => log.MessageCount);

    /// <summary>Counts, what the model left to the database, and per table the number of differences and the first few.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"topic: {MessagesInTopic} messages in {Logs.Count} log(s); producers: {Produced}");
        text.AppendLine($"recount: {Expected.Windows.Count} windows, {Expected.Windows.Values.Sum(w => w.EventCount)} events in them, " +
            $"{Expected.Late.Count} late, {Expected.Rejected.Count} rejected; " +
            $"{Expected.AmbiguousLateness} lateness and {Expected.AmbiguousClock} clock decisions left to the database; " +
            $"{Expected.LaggingNotSurelyLate} of {Expected.Lagging.Count} lagging receipts not surely late");
        text.AppendLine($"database: {Actual.Windows.Count} window rows, {Actual.Windows.Sum(w => w.EventCount)} events in them, " +
            $"{Actual.Late.Count} late, {Actual.Rejected.Count} rejected, {Actual.OpenWindows} open windows, " +
            $"{Actual.DataGaps.Count} data gaps, {Actual.ClusterChanges.Count} cluster changes");
        text.Append($"{Differences.Count} differences");
        foreach (var table in Differences.GroupBy(d => d.Table))
        {
            var count = table.Count();
            text.Append($"\n{table.Key}: {count}{(count > DifferencesShownPerTable ? $", the first {DifferencesShownPerTable}" : "")}");
            foreach (var difference in table.Take(DifferencesShownPerTable))
            {
                text.Append("\n  ").Append(difference.Subject.Length > 0 ? $"{difference.Subject}: " : "").Append(difference.Problem);
            }
        }

        return text.ToString();
    }
}
