using System.Text.RegularExpressions;
using RealtimeSales.Testing;
using RealtimeSales.Web.Sql;

namespace RealtimeSales.Web.Tests.Units;

/// <summary>The SQL console offers exactly the README's cookbook, titled by the sentence above each query.</summary>
public sealed partial class CookbookTests
{
    [Fact]
    public void TheCompiledInCookbookIsTheReadmesCookbook()
    {
        var readme = File.ReadAllText(Path.Combine(BuiltProject.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf(Cookbook.SectionHeading, StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("\n## ", Cookbook.SectionHeading.Length, StringComparison.Ordinal) is var end and > 0 ? end : section.Length)];

        var queries = new Cookbook().Queries;

        Assert.Equal(SqlBlock().Matches(section).Select(match => match.Groups[1].Value.TrimEnd()), queries.Select(query => query.Sql));
        Assert.True(queries.Count >= 8, $"only {queries.Count} queries");
        Assert.Contains(queries, query => query.Title == "Top 5 stores over the last hour" && query.Sql == "SELECT * FROM top_stores(60, 5);");
    }

    [Fact]
    public void TitlesComeFromTheLastLineOfProseAboveEachQuery()
    {
        var queries = Cookbook.Parse("""
            # Title

            ## SQL cookbook

            Connect first.

            Revenue with `code` in its title:

            ```sql
            SELECT 1;
            ```

            ```sql
            SELECT 2;
            ```

            ## Next section

            ```sql
            SELECT 3;
            ```
            """);

        Assert.Equal([new CookbookQuery("Revenue with code in its title", "SELECT 1;"), new CookbookQuery("Example 2", "SELECT 2;")], queries);
    }

    [Fact]
    public void AReadmeWithoutTheSectionGivesNoQueries() => Assert.Empty(Cookbook.Parse("# Nothing here\n```sql\nSELECT 1;\n```\n"));

    [GeneratedRegex("```sql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
