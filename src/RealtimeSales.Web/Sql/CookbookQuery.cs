namespace RealtimeSales.Web.Sql;

/// <summary>One example of the README's SQL cookbook: the sentence above it and its SQL.</summary>
public sealed record CookbookQuery(string Title, string Sql);
