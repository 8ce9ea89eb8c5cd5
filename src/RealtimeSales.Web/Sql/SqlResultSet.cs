namespace RealtimeSales.Web.Sql;

/// <summary>One statement's answer: its columns and up to the row limit of its rows, every value as display text.</summary>
/// <param name="Columns">Column names and PostgreSQL types, in order.</param>
/// <param name="Rows">The rows read; <see langword="null"/> for SQL NULL.</param>
/// <param name="Truncated">More rows existed than the limit let through.</param>
internal sealed record SqlResultSet(IReadOnlyList<SqlColumn> Columns, IReadOnlyList<string?[]> Rows, bool Truncated);
