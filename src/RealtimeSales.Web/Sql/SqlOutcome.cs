namespace RealtimeSales.Web.Sql;

/// <summary>What the SQL console shows for one run: result sets, or an error explained in a sentence.</summary>
/// <param name="Results">One entry per statement that returned columns.</param>
/// <param name="ElapsedMs">Wall-clock time of the run.</param>
/// <param name="Error">Why it failed; <see langword="null"/> when it succeeded.</param>
/// <param name="ErrorKind"><c>read-only</c>, <c>timeout</c>, <c>sql</c> or <c>unavailable</c>.</param>
internal sealed record SqlOutcome(IReadOnlyList<SqlResultSet> Results, double ElapsedMs, string? Error = null, string? ErrorKind = null)
{
    public static SqlOutcome Failed(string kind, string error, double elapsedMs = 0) => new([], elapsedMs, error, kind);
}
