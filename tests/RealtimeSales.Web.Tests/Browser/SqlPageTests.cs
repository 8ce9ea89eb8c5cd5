using Microsoft.Playwright;
using Npgsql;
using RealtimeSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The web app's SQL console answers queries and refuses writes, in the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SqlPageTests(BrowserApp browser)
{
    [Fact]
    public async Task SqlConsoleReturnsRowsAndRefusesDelete()
    {
        await using var context = await browser.NewContextAsync(browser.WebAddress);
        var page = await browser.SignedInWebPageAsync(context);
        await page.GotoAsync("/sql");

        // The cookbook is the README's; its "latest closed windows" query returns rows once a window has closed.
        await Eventually.WaitUntilAsync(async () => await WindowRowsAsync() > 0, BrowserApp.Timeout, "a row in window_revenue",
            () => browser.App.Describe("aggregator"), TestContext.Current.CancellationToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "The latest closed windows" }).ClickAsync();
        await Expect(page.Locator("#sql-output table tbody tr:not(.empty)").First).ToBeVisibleAsync();
        await Expect(page.Locator("#sql-output th").First).ToContainTextAsync("store");
        await Screenshots.SaveAsync(page, "web", nameof(SqlConsoleReturnsRowsAndRefusesDelete) + "-rows");

        var before = await WindowRowsAsync();
        await page.Locator("#sql").FillAsync("DELETE FROM window_revenue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        var refusal = page.Locator("#sql-output [role='alert']");
        await Expect(refusal).ToContainTextAsync("read-only");
        await Expect(refusal).ToHaveAttributeAsync("data-kind", "read-only");
        await Screenshots.SaveAsync(page, "web", nameof(SqlConsoleReturnsRowsAndRefusesDelete) + "-refused");

        Assert.True(await WindowRowsAsync() >= before, "the refused DELETE removed rows");
    }

    private async Task<long> WindowRowsAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(await browser.SalesDbAsync());
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM window_revenue");
        try
        {
            return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }
}
