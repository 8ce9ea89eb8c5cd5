namespace RealtimeSales.Oracle;

/// <summary>
/// Where the database put the messages the model cannot decide alone: which it counted late, which it rejected,
/// and the latest its clock can have been when it decoded them (every decode happened before the tables were read).
/// </summary>
public sealed record DatabaseChoices(IReadOnlySet<MessageId> CountedLate, IReadOnlySet<MessageId> CountedRejected, DateTimeOffset LatestClock)
{
    public static DatabaseChoices Of(PublishedTables tables) =>
        new(tables.Late.Select(row => row.Id).ToHashSet(), tables.Rejected.Select(row => row.Id).ToHashSet(), tables.ReadAt);
}
