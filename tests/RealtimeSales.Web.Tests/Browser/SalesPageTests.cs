using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The web app's Sales page shows windows from salesdb as they close, without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SalesPageTests(BrowserApp browser)
{
    [Fact]
    public async Task SalesPageShowsWindowsAsTheyClose()
    {
        await using var context = await browser.NewContextAsync(browser.WebAddress);
        var page = await browser.SignedInWebPageAsync(context);
        await page.GotoAsync("/");

        var windows = page.Locator("#windows tbody tr[data-window]");
        await browser.ExpectAsync("a closed window on the Sales page", () => Expect(windows.First).ToBeVisibleAsync());
        var shownFirst = await windows.First.GetAttributeAsync("data-window");

        // Windows keep closing (W = 2 s): a newer one appears at the top without reloading the page.
        await browser.ExpectAsync("a newer window to replace the first one at the top",
            () => Expect(windows.First).Not.ToHaveAttributeAsync("data-window", shownFirst!));
        await browser.ExpectAsync("at least three windows in the table", () => Expect(windows.Nth(2)).ToBeVisibleAsync());
        await Expect(page.Locator("#chart-sales rect.bar").First).ToBeVisibleAsync();
        await Expect(page.Locator("#top-stores tbody tr").First).ToContainTextAsync("store-");
        await Expect(page.Locator("[data-kpi='revenue']")).Not.ToHaveTextAsync("–");
        Assert.True(await page.Locator("#sales-problem").IsHiddenAsync(), "the Sales page reports a problem: " + await page.Locator("#sales-problem").TextContentAsync());

        // What the page shows is what the database holds.
        await using var dataSource = NpgsqlDataSource.Create(await browser.SalesDbAsync());
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM window_revenue WHERE window_start = @shown");
        command.Parameters.AddWithValue("shown", DateTimeOffset.Parse(shownFirst!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal).UtcDateTime);
        Assert.True((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0, $"no window_revenue row for the window {shownFirst} the page showed");
        await Screenshots.SaveAsync(page, "web", nameof(SalesPageShowsWindowsAsTheyClose));
    }
}
