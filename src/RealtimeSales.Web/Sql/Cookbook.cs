using System.Text.RegularExpressions;

namespace RealtimeSales.Web.Sql;

/// <summary>
/// The SQL console's examples, read from the README's "SQL cookbook" section (compiled into this assembly), so
/// the examples a user reads and the ones the console offers are the same text, and the README's test covers both.
/// </summary>
internal sealed partial class Cookbook
{
    public const string SectionHeading = "## SQL cookbook";

    public Cookbook()
        : this(ReadEmbeddedReadme())
    {
    }

    public Cookbook(string readme) => Queries = Parse(readme);

    public IReadOnlyList<CookbookQuery> Queries { get; }

    /// <summary>Each <c>```sql</c> block of the section, titled by the last line of prose above it.</summary>
    public static IReadOnlyList<CookbookQuery> Parse(string readme)
    {
        var text = readme.ReplaceLineEndings("\n");
        var start = text.IndexOf(SectionHeading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var end = text.IndexOf("\n## ", start + SectionHeading.Length, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        var queries = new List<CookbookQuery>();
        var proseStart = 0;
        foreach (Match block in SqlBlock().Matches(section))
        {
            var prose = section[proseStart..block.Index].Trim();
            var title = prose.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim().TrimEnd(':').Replace("`", "", StringComparison.Ordinal);
            queries.Add(new CookbookQuery(string.IsNullOrEmpty(title) ? $"Example {queries.Count + 1}" : title, block.Groups[1].Value.TrimEnd()));
            proseStart = block.Index + block.Length;
        }

        return queries;
    }

    private static string ReadEmbeddedReadme()
    {
        using var stream = typeof(Cookbook).Assembly.GetManifestResourceStream("README.md")
            ?? throw new InvalidOperationException("README.md is not embedded in the web app's assembly; see RealtimeSales.Web.csproj.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("```sql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
