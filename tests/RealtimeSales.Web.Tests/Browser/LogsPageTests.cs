using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The Console logs page tails a resource live, filters and pauses.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LogsPageTests(DashboardApp dashboard)
{
    [Fact]
    public async Task LogsPageTailsFiltersAndPausesTheProducersOutput()
    {
        await using var context = await dashboard.NewContextAsync();
        var page = await dashboard.SignedInPageAsync(context);
        await page.GotoAsync("/logs?resource=producer");

        var lines = page.Locator("#log .line:not([hidden])");
        // The producer writes a progress line every few seconds: one arriving after the page opened proves the tail is live.
        var before = await lines.CountAsync();
        await dashboard.ExpectAsync("a new producer line on the open page", () => Expect(lines.Nth(before)).ToBeVisibleAsync());
        await Expect(page.Locator("#log .line.lvl-info").First).ToBeVisibleAsync();

        await page.Locator("#log-filter").FillAsync("Progress:");
        await Expect(lines.First).ToContainTextAsync("Progress:");
        foreach (var text in await lines.AllTextContentsAsync())
        {
            Assert.Contains("progress:", text, StringComparison.OrdinalIgnoreCase);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await dashboard.ExpectAsync("new lines to be held while paused", () => Expect(page.Locator("#log-status")).ToContainTextAsync("paused, 1 new line"));
        await Screenshots.SaveAsync(page, nameof(LogsPageTailsFiltersAndPausesTheProducersOutput));
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(page.Locator("#log-status")).Not.ToContainTextAsync("paused");
    }
}
