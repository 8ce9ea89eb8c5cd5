using Microsoft.Playwright;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright. Playwright's own browser download needs the internet, so it is never
/// used: the browser is the machine's (<c>apt-get install chromium</c>), the driver the one inside the NuGet package.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Headless as root in a sandbox-less container, with the background services that phone home switched off:
    // this machine has no network, and Chromium's retries would only add noise and time.
    private static readonly string[] s_arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's Chromium with `apt-get install -y chromium` (.ci/run does).");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = s_arguments,
            Timeout = 60_000,
        });
    }
}
