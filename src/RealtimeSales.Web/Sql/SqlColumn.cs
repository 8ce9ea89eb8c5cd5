namespace RealtimeSales.Web.Sql;

/// <summary>A result column; <paramref name="Numeric"/> lets the page right-align numbers.</summary>
internal sealed record SqlColumn(string Name, string Type, bool Numeric);
