using Microsoft.Playwright;
using RealtimeSales.Testing;
using RealtimeSales.Testing.Aspire;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>
/// The AppHost's application with the real Aspire dashboard, started once for every browser test (a broker,
/// PostgreSQL, the workers and two web apps take a while to start), and one headless Chromium. Short windows
/// (W = 2 s, D = 2 s) so that sales appear within seconds, and a producer that keeps going with some late and
/// malformed receipts.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    /// <summary>How long a page may take to show what a test waits for.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Every resource Program.cs declares.</summary>
    public static readonly string[] Resources = ["kafka", "postgres", "salesdb", "producer", "aggregator", "web"];

    private SalesApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public SalesApp App => _app ?? throw new InvalidOperationException("The application has not started.");

    /// <summary>The Aspire dashboard's login link (what the AppHost prints).</summary>
    public Uri DashboardLoginUrl { get; private set; } = null!;

    /// <summary>The Aspire dashboard's address, the login link without its path and token.</summary>
    public Uri DashboardAddress => new(DashboardLoginUrl.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>The web app's link as the Aspire dashboard shows it on the <c>web</c> resource: it signs the user in.</summary>
    public Uri WebSignInLink { get; private set; } = null!;

    /// <summary>The web app's address, the sign-in link without its path and token.</summary>
    public Uri WebAddress => new(WebSignInLink.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>The token the AppHost gave the web app (the <c>web-token</c> parameter).</summary>
    public string WebToken => System.Web.HttpUtility.ParseQueryString(WebSignInLink.Query)["t"]!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _app = await SalesApp.StartAsync(SalesApp.Arguments(
            new ProducerSettings(MaxEvents: 0, EventsPerSecond: 40, Stores: 8, LateFraction: 0.02, MalformedFraction: 0.01)), ct,
            dashboard: true);
        foreach (var resource in Resources)
        {
            await _app.WaitForHealthyAsync(resource, SalesApp.StartTimeout, ct);
        }

        DashboardLoginUrl = await _app.DashboardLoginUrlAsync(SalesApp.StartTimeout, ct);
        var link = _app.Snapshot("web").Urls.FirstOrDefault(url => url.Url.Contains("/login?t=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The web resource shows no sign-in link.\n" + _app.Describe("web"));
        WebSignInLink = new Uri(link.Url);

        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A browser context of its own (no cookies yet) on <paramref name="baseUrl"/>: dispose it at the end of the test.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl)
    {
        var context = await (_browser ?? throw new InvalidOperationException("The browser has not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        return context;
    }

    /// <summary>A web app page signed in the way a user is: by the link on the <c>web</c> resource in the Aspire dashboard.</summary>
    public async Task<IPage> SignedInWebPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(WebSignInLink.ToString());
        return page;
    }

    /// <summary>
    /// Runs a Playwright expectation; when it fails, the message says what was awaited and adds the resources' states
    /// and last log lines, so a red test explains itself.
    /// </summary>
    public async Task ExpectAsync(string what, Func<Task> expectation)
    {
        try
        {
            await expectation();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            throw new TimeoutException($"Waited {Timeout.TotalSeconds:0} s for {what}: {e.Message}\n{App.Describe(Resources)}", e);
        }
    }

    /// <summary>salesdb's connection string, as the workers get it.</summary>
    public Task<string> SalesDbAsync() => App.ConnectionStringAsync("salesdb", TestContext.Current.CancellationToken);
}
