using System.Text.RegularExpressions;

namespace RealtimeSales.Dashboard.Resources;

/// <summary>
/// Hides passwords in connection strings and URIs before they reach a page: shown only when a user asks
/// (a separate request), as Aspire's dashboard does with its masked values.
/// </summary>
internal static partial class SecretMask
{
    public const string Mask = "••••••";

    /// <summary>The text with every password replaced by <see cref="Mask"/>.</summary>
    public static string Apply(string text) => KeyValuePassword().Replace(UriPassword().Replace(text, Mask), Mask);

    /// <summary>Whether <see cref="Apply"/> hides anything in <paramref name="text"/>.</summary>
    public static bool HasSecret(string text) => UriPassword().IsMatch(text) || KeyValuePassword().IsMatch(text);

    // postgresql://user:PASSWORD@host — the part between the user's colon and the @.
    [GeneratedRegex(@"(?<=://[^:/@\s]*:)[^@/\s]+(?=@)")]
    private static partial Regex UriPassword();

    // Host=...;Password=PASSWORD;... — Npgsql and ADO.NET spell it Password or Pwd, in any case.
    [GeneratedRegex(@"(?<=(?:^|;)\s*(?:password|pwd)\s*=\s*)[^;\s][^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValuePassword();
}
