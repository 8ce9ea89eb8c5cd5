using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RealtimeSales.Hosting;
using RealtimeSales.Hosting.Testing;
using RealtimeSales.Testing;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>
/// The AppHost's own application with its dashboard, started once for every browser test (a broker, PostgreSQL
/// and both workers take seconds to start), and one headless Chromium. Short windows (W = 2 s, D = 2 s) so that
/// sales appear within seconds, and a producer that keeps going with some late and malformed events.
/// </summary>
public sealed class DashboardApp : IAsyncLifetime
{
    /// <summary>How long a page may take to show what a test waits for: the application's start included.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly AggregatorSettings s_aggregator = new();

    private IDistributedApplicationTestingBuilder? _builder;
    private DistributedApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The application has not started.");

    public WebAccess Access => App.Services.GetRequiredService<WebAccess>();

    public Uri Address => Access.Address ?? throw new InvalidOperationException("The dashboard is not listening:\n" + App.Describe());

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RealtimeSales_AppHost>(
        [
            $"--Aggregator:WindowSize={Invariant(s_aggregator.WindowSize)}",
            $"--Aggregator:WatermarkDelay={Invariant(s_aggregator.WatermarkDelay)}",
            $"--Aggregator:IdleTimeout={Invariant(s_aggregator.IdleTimeout)}",
            $"--Aggregator:CheckpointInterval={Invariant(s_aggregator.CheckpointInterval)}",
            "--Producer:EventsPerSecond=40",
            "--Producer:Stores=8",
            "--Producer:LateFraction=0.02",
            "--Producer:MalformedFraction=0.01",
        ], cancellationToken);

        // The AppHost's Program.cs adds the dashboard; this makes the tests independent of that line, which
        // AppHostDeclaresTheDashboard checks on its own.
        _builder.AddDashboard();
        _app = await _builder.BuildAsync(cancellationToken);
        await _app.StartAsync(cancellationToken);
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
        if (_builder is not null)
        {
            await _builder.DisposeAsync();
        }
    }

    /// <summary>A browser context of its own (no cookies yet): dispose it at the end of the test.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await (_browser ?? throw new InvalidOperationException("The browser has not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        return context;
    }

    /// <summary>A page signed in the way a user is: by opening the link the AppHost printed.</summary>
    public async Task<IPage> SignedInPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Access.LoginUrl!.ToString());
        return page;
    }

    /// <summary>
    /// Runs a Playwright expectation; when it fails, the message says what was awaited and adds the application's
    /// state and last log lines, so a red test explains itself.
    /// </summary>
    public async Task ExpectAsync(string what, Func<Task> expectation)
    {
        try
        {
            await expectation();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            throw new TimeoutException($"Waited {Timeout.TotalSeconds:0} s for {what}: {e.Message}\n{App.Describe()}", e);
        }
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
