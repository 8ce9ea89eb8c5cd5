using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RealtimeSales.Dashboard;

/// <summary>
/// Where the dashboard listens and the token it accepts. Resolve it from the application's services once the
/// application has started, e.g. a test opens <see cref="LoginUrl"/> in a browser.
/// </summary>
public sealed class DashboardAccess
{
    private readonly Lazy<string> _token;

    // Read on first use, not when built: a bad Dashboard:Token then fails the AppHost's start-up validation,
    // which names the key, instead of the construction of the dashboard's service.
    internal DashboardAccess(IOptions<DashboardOptions> options) => _token = new(() => options.Value.Token ?? NewToken());

    /// <summary>The access token: configured (<c>Dashboard:Token</c>) or generated for this run.</summary>
    public string Token => _token.Value;

    /// <summary><c>http://127.0.0.1:PORT/</c> once the dashboard listens; <see langword="null"/> before, or when its port was taken.</summary>
    public Uri? Address { get; internal set; }

    /// <summary>The link that signs a browser in: <c>http://127.0.0.1:PORT/login?t=TOKEN</c>.</summary>
    public Uri? LoginUrl => Address is null ? null : new Uri(Address, "login?t=" + Uri.EscapeDataString(Token));

    /// <summary>
    /// What the session cookie holds: random for each run even when the token is configured, so a cookie never
    /// outlives its AppHost and never reveals the token.
    /// </summary>
    internal string SessionKey { get; } = NewToken();

    /// <summary>One cookie name per port: browsers share cookies between the ports of a host, and two dashboards must not.</summary>
    internal string CookieName => $".RealtimeSales.Dashboard.{Address?.Port}";

    /// <summary>A fresh token: 128 random bits as hex, safe in a URL as it is.</summary>
    internal static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Compares in constant time, so response timing does not reveal how much of a guess was right.</summary>
    internal bool Accepts(string candidate) => FixedTimeEquals(candidate, Token);

    internal bool AcceptsSession(string candidate) => FixedTimeEquals(candidate, SessionKey);

    private static bool FixedTimeEquals(string candidate, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(expected));
}
