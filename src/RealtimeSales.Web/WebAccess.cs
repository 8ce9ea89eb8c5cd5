using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RealtimeSales.Web;

/// <summary>The token the web app accepts, and the per-run session key its cookie carries instead.</summary>
internal sealed class WebAccess
{
    private readonly Lazy<string> _token;

    // Read on first use, not when built: a bad Web:Token then fails start-up validation, which names the key.
    public WebAccess(IOptions<WebOptions> options)
    {
        // Empty is unset, as an environment variable cleared with Web__Token= is.
        _token = new(() => options.Value.Token is { Length: > 0 } token ? token : NewToken());
        IsTokenGenerated = string.IsNullOrEmpty(options.Value.Token);
    }

    /// <summary>The access token: given (<c>Web:Token</c>, by the AppHost) or generated for this run.</summary>
    public string Token => _token.Value;

    /// <summary>Whether nobody gave a token, so the sign-in link must be logged for the user to find.</summary>
    public bool IsTokenGenerated { get; }

    /// <summary>
    /// What the session cookie holds: random for each run even when the token is given, so a cookie never outlives
    /// its run and never reveals the token.
    /// </summary>
    public string SessionKey { get; } = NewToken();

    /// <summary>One cookie name per port: browsers share cookies between the ports of a host, and two runs must not.</summary>
    public static string CookieName(HttpContext http) => $".RealtimeSales.Web.{http.Request.Host.Port}";

    /// <summary>A fresh token: 128 random bits as hex, safe in a URL as it is.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Compares in constant time, so response timing does not reveal how much of a guess was right.</summary>
    public bool Accepts(string candidate) => FixedTimeEquals(candidate, Token);

    public bool AcceptsSession(string candidate) => FixedTimeEquals(candidate, SessionKey);

    private static bool FixedTimeEquals(string candidate, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(expected));
}
