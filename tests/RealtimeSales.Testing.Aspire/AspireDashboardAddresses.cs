using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace RealtimeSales.Testing.Aspire;

/// <summary>
/// Where a test's Aspire dashboard listens (free loopback ports, so tests never fight a developer's own AppHost over
/// 15888) and the browser token its login link carries, over http as the AppHost's default launch profile does.
/// </summary>
public sealed class AspireDashboardAddresses
{
    public Uri Frontend { get; } = FreeLoopbackUri();

    public Uri Otlp { get; } = FreeLoopbackUri();

    public Uri ResourceService { get; } = FreeLoopbackUri();

    public string BrowserToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The link the AppHost prints: opening it signs a browser in.</summary>
    public Uri LoginUrl => new(Frontend, $"login?t={BrowserToken}");

    /// <summary>The AppHost settings that put the dashboard there (what the launch profile sets for <c>dotnet run</c>).</summary>
    public string[] Arguments() =>
    [
        $"--ASPNETCORE_URLS={Frontend}",
        $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL={Otlp}",
        $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL={ResourceService}",
        "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
        $"--AppHost:BrowserToken={BrowserToken}",
    ];

    private static Uri FreeLoopbackUri()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }
}
