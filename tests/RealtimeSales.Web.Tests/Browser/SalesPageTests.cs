using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The Sales page shows windows from salesdb as they close, without a reload.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SalesPageTests(DashboardApp dashboard)
{
    [Fact]
    public async Task SalesPageShowsWindowsAfterDataFlows()
    {
        await using var context = await dashboard.NewContextAsync();
        var page = await dashboard.SignedInPageAsync(context);
        await page.GotoAsync("/sales");

        var windows = page.Locator("#windows tbody tr[data-window]");
        await dashboard.ExpectAsync("a closed window on the Sales page", () => Expect(windows.First).ToBeVisibleAsync());
        var shownFirst = await windows.First.GetAttributeAsync("data-window");

        // Windows keep closing (W = 2 s): a newer one appears at the top without reloading the page.
        await dashboard.ExpectAsync("a newer window to replace the first one at the top",
            () => Expect(windows.First).Not.ToHaveAttributeAsync("data-window", shownFirst!));
        await dashboard.ExpectAsync("at least three windows in the table", () => Expect(windows.Nth(2)).ToBeVisibleAsync());
        await Expect(page.Locator("#chart-sales rect.bar").First).ToBeVisibleAsync();
        await Expect(page.Locator("#top-stores tbody tr").First).ToContainTextAsync("store-");
        await Expect(page.Locator("[data-kpi='revenue']")).Not.ToHaveTextAsync("–");
        Assert.True(await page.Locator("#sales-problem").IsHiddenAsync(), "the Sales page reports a problem: " + await page.Locator("#sales-problem").TextContentAsync());

        // What the page shows is what the database holds.
        var connectionString = dashboard.App.ResourceNotifications.GetSnapshot("salesdb").ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString!);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM window_revenue");
        Assert.True((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0);
        await Screenshots.SaveAsync(page, nameof(SalesPageShowsWindowsAfterDataFlows));
    }
}
