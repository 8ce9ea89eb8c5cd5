namespace RealtimeSales.Oracle;

/// <summary>One way the database differs from the recount, or breaks a rule the recount checks.</summary>
/// <param name="Table">Where: a table, or <c>producer</c> for the producers' tallies.</param>
/// <param name="Subject">Which row: a store and window, or a message.</param>
/// <param name="Problem">What is wrong, expected against found.</param>
public sealed record Difference(string Table, string Subject, string Problem)
{
    public override string ToString() => $"{Table} {Subject}: {Problem}";
}
