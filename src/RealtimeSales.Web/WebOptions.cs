using System.ComponentModel.DataAnnotations;

namespace RealtimeSales.Web;

/// <summary>The <c>Web</c> section of the web app's configuration, e.g. <c>Web__Token</c> from the AppHost.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>
    /// The access token the sign-in link carries: the AppHost passes a generated one and shows the link in the Aspire
    /// dashboard. <see langword="null"/> (run by hand) generates one at start and logs the sign-in link.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>How long one SQL console statement may run before PostgreSQL cancels it.</summary>
    public TimeSpan SqlStatementTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most rows the SQL console returns per result set.</summary>
    [Range(1, 100_000)]
    public int SqlRowLimit { get; set; } = 1000;
}
