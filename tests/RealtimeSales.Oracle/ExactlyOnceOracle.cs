namespace RealtimeSales.Oracle;

/// <summary>
/// The exactly-once verdict of DESIGN.md: every message of the topic counted in exactly one place — one window,
/// <c>late_events</c> or <c>rejected_events</c> — and the tables equal to an independent recount, row for row.
/// </summary>
public static class ExactlyOnceOracle
{
    /// <summary>Recounts <paramref name="logs"/> and compares the result with <paramref name="tables"/>.</summary>
    /// <param name="logs">The topic, read after the producers finished; a replaced broker's log first, the current one last.</param>
    /// <param name="tables">The tables, read after the aggregators caught up with the last log.</param>
    /// <param name="rules">The window settings the aggregators ran with.</param>
    /// <param name="produced">What the producers said they sent, plus any messages the test wrote itself.</param>
    public static ExactlyOnceReport Judge(IReadOnlyList<TopicLog> logs, PublishedTables tables, WindowRules rules, ProducerTally produced)
    {
        ArgumentOutOfRangeException.ThrowIfZero(logs.Count);
        var recount = Recount.Run(logs, rules, DatabaseChoices.Of(tables));
        List<Difference> differences =
        [
            .. TallyCheck.Check(produced, recount, tables, logs, rules),
            .. recount.Violations,
            .. TableComparison.Compare(recount, tables, logs),
        ];
        return new ExactlyOnceReport(logs, produced, recount, tables, differences);
    }
}
