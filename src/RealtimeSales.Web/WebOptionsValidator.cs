using Microsoft.Extensions.Options;

namespace RealtimeSales.Web;

/// <summary>The rules data annotations cannot say; each message names the key.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    // A token guards the SQL console: short ones are guessable.
    public const int MinimumTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var failures = new List<string>();
        if (options.Token is { Length: > 0 } token && (token.Length < MinimumTokenLength || token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            failures.Add($"{WebOptions.SectionName}:{nameof(WebOptions.Token)} must be at least {MinimumTokenLength} characters without spaces; leave it unset to get a new token each run (the AppHost passes one).");
        }

        if (options.SqlStatementTimeout <= TimeSpan.Zero || options.SqlStatementTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{WebOptions.SectionName}:{nameof(WebOptions.SqlStatementTimeout)} must be between 00:00:00.001 and 00:10:00, e.g. 00:00:05.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
