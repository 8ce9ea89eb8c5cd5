using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The real Aspire dashboard, opened with the login link the AppHost prints, as a user sees it.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AspireDashboardTests(BrowserApp browser)
{
    [Fact]
    public async Task TheResourcesPageShowsEveryResourceRunningWithTheWebAppsSignInLink()
    {
        await using var context = await browser.NewContextAsync(browser.DashboardAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.DashboardLoginUrl.ToString());

        // The login link signs in and lands on the resources grid.
        await Expect(page).ToHaveURLAsync(browser.DashboardAddress.ToString());
        foreach (var resource in BrowserApp.Resources)
        {
            var row = ResourceRow(page, resource);
            await browser.ExpectAsync($"'{resource}' Running in the Aspire dashboard",
                () => Expect(row.GetByRole(AriaRole.Gridcell, new() { Name = "Running", Exact = true })).ToBeVisibleAsync());
        }

        // The web app's resource URL is the sign-in link (shown by name, not token).
        var link = ResourceRow(page, "web").GetByRole(AriaRole.Link, new() { Name = "Realtime Sales (signs you in)" });
        await Expect(link).ToHaveAttributeAsync("href", browser.WebSignInLink.ToString());
        await Expect(page.GetByText("Showing 6 resources")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "aspire-dashboard", nameof(TheResourcesPageShowsEveryResourceRunningWithTheWebAppsSignInLink));
    }

    [Fact]
    public async Task TheAggregatorsConsoleLogShowsWindowsClosingAndTheirTable()
    {
        await using var context = await browser.NewContextAsync(browser.DashboardAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.DashboardLoginUrl.ToString());
        await page.GotoAsync("/consolelogs/resource/aggregator");

        await browser.ExpectAsync("the aggregator's partitions in its console log",
            () => Expect(page.Locator(".log-content", new() { HasTextRegex = Assigned() }).First).ToBeVisibleAsync());
        await browser.ExpectAsync("closed windows in the aggregator's console log",
            () => Expect(page.Locator(".log-content", new() { HasTextRegex = WindowsClosed() }).Last).ToBeVisibleAsync());
        await browser.ExpectAsync("the seed's table of committed windows in the aggregator's console log",
            () => Expect(page.Locator(".log-content", new() { HasTextRegex = WindowTableHeader() }).Last).ToBeVisibleAsync());
        await Screenshots.SaveAsync(page, "aspire-dashboard", nameof(TheAggregatorsConsoleLogShowsWindowsClosingAndTheirTable));
    }

    /// <summary>The resources grid's row whose name cell reads exactly <paramref name="name"/>.</summary>
    private static ILocator ResourceRow(IPage page, string name) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator(".resource-name-text", new() { HasTextRegex = new Regex($"^{Regex.Escape(name)}$") }) });

    [GeneratedRegex(@"Assigned partitions \[0, 1, 2, 3, 4, 5\] of sales")]
    private static partial Regex Assigned();

    [GeneratedRegex(@"\|\s*store\|\s*total_revenue\|\s*window_start\|\s*window_end\|")]
    private static partial Regex WindowTableHeader();

    [GeneratedRegex(@"\b[1-9]\d* windows closed")]
    private static partial Regex WindowsClosed();
}
