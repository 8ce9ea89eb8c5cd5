using System.Text.RegularExpressions;

namespace RealtimeSales.Oracle;

/// <summary>One thing the oracle's decoder found wrong with a message.</summary>
/// <param name="Kind">The rule broken.</param>
/// <param name="Field">The field concerned (store, item, price, ts, or an unknown field's name); empty when none.</param>
/// <param name="Detail">The oracle's own words, for failure messages.</param>
public sealed record Finding(FindingKind Kind, string Field, string Detail)
{
    /// <summary>
    /// Words of which a rejection reason written by the product must contain at least one (whole words, any case) to
    /// name this fault: the field for a field's fault, else the part of the message at fault. Loose on wording and
    /// order, strict on the subject: "price: 4.505 has more than 2 decimal places" names a price finding, "invalid
    /// JSON" does not.
    /// </summary>
    public IReadOnlyList<string> ReasonWords => Kind switch
    {
        FindingKind.TooLarge => ["bytes", "size", "large", "KiB", "limit"],
        FindingKind.InvalidUtf8 => ["UTF-8", "UTF8"],
        FindingKind.Empty => ["empty"],
        FindingKind.InvalidJson => ["JSON"],
        FindingKind.NotAnObject => ["object"],
        FindingKind.UnknownField => [Field, "unknown"],
        FindingKind.Key => ["key"],
        _ => [Field],
    };

    /// <summary>Whether <paramref name="reason"/> names this fault (see <see cref="ReasonWords"/>).</summary>
    public bool IsNamedBy(string reason) =>
        ReasonWords.Any(word => word.Length > 0 && WholeWord(word).IsMatch(reason));

    public override string ToString() => Field.Length > 0 ? $"{Field}: {Detail}" : Detail;

    private static Regex WholeWord(string word) =>
        new($@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
