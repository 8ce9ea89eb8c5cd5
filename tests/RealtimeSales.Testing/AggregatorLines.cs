namespace RealtimeSales.Testing;

/// <summary>
/// Lines of the aggregator's log (src/RealtimeSales.Aggregator/Log.cs) that tests and the throughput harness wait for
/// or look for, kept in one place so that a reworded message breaks one file, not every caller.
/// </summary>
public static class AggregatorLines
{
    /// <summary>Logged once the schema check (and any migration) at start-up is done.</summary>
    public const string SchemaUpToDate = "PostgreSQL schema is up to date";

    /// <summary>Logged when the aggregator has claimed partitions and resumes reading them.</summary>
    public const string Assigned = "Assigned partitions";

    /// <summary>Logged when partitions are revoked in a rebalance (after checkpointing them).</summary>
    public const string Revoked = "revoked; checkpointed before release";

    /// <summary>Logged when partitions are lost to another member without a chance to checkpoint them.</summary>
    public const string Lost = "lost to another member";

    /// <summary>Logged at the end of a clean stop, after the last checkpoint.</summary>
    public const string StoppedAfterFinalCheckpoint = "Stopped after a final checkpoint";

    /// <summary>Whether <paramref name="line"/> says the aggregator has claimed partitions.</summary>
    public static bool IsAssignment(string line) => line.Contains(Assigned, StringComparison.Ordinal);

    /// <summary>The partitions an assignment line names ("Assigned partitions [2, 1, 0] of …"); none for other lines.</summary>
    public static IEnumerable<int> AssignedPartitions(string line)
    {
        var start = line.IndexOf(Assigned + " [", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        start += Assigned.Length + 2;
        return line[start..line.IndexOf(']', start)]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(partition => int.Parse(partition, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Whether <paramref name="line"/> reports a change of partition ownership: assigned, revoked or lost.</summary>
    public static bool IsOwnershipChange(string line) =>
        IsAssignment(line) || line.Contains(Revoked, StringComparison.Ordinal) || line.Contains(Lost, StringComparison.Ordinal);
}
