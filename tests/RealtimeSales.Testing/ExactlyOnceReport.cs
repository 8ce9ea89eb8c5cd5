namespace RealtimeSales.Testing;

/// <summary>The outcome of <see cref="ExactlyOnce.CheckAsync"/>: the recount, the database, and their differences.</summary>
public sealed record ExactlyOnceReport(long MessagesInTopic, ExpectedTables Expected, ExpectedTables Actual, IReadOnlyList<string> Differences)
{
    /// <summary>A summary for failure messages: counts and the first differences.</summary>
    public override string ToString() =>
        $"topic: {MessagesInTopic} messages; recount: {Expected.Windows.Count} windows, {Expected.Late.Count} late, {Expected.Rejected.Count} rejected; " +
        $"database: {Actual.Windows.Count} windows, {Actual.Late.Count} late, {Actual.Rejected.Count} rejected; " +
        $"{Differences.Count} differences:\n  " + string.Join("\n  ", Differences.Take(20));
}
