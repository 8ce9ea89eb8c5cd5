namespace RealtimeSales.Web.Sql;

/// <summary>The SQL console's request body: <c>{"sql": "SELECT …"}</c>.</summary>
internal sealed record SqlRequest(string? Sql);
