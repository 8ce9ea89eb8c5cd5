using Microsoft.Playwright;
using Npgsql;
using RealtimeSales.Hosting.Testing;
using RealtimeSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The SQL console answers queries and refuses writes, in the page.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SqlPageTests(DashboardApp dashboard)
{
    [Fact]
    public async Task SqlConsoleReturnsRowsAndRefusesDelete()
    {
        await using var context = await dashboard.NewContextAsync();
        var page = await dashboard.SignedInPageAsync(context);
        await page.GotoAsync("/sql");

        // The cookbook is the README's; its "latest closed windows" query returns rows once a window has closed.
        await Eventually.WaitUntilAsync(async () => await WindowRowsAsync() > 0, DashboardApp.Timeout, "a row in window_revenue",
            () => dashboard.App.Describe("aggregator"), TestContext.Current.CancellationToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "The latest closed windows" }).ClickAsync();
        await Expect(page.Locator("#sql-output table tbody tr:not(.empty)").First).ToBeVisibleAsync();
        await Expect(page.Locator("#sql-output th").First).ToContainTextAsync("store");
        await Screenshots.SaveAsync(page, nameof(SqlConsoleReturnsRowsAndRefusesDelete) + "-rows");

        var editor = page.Locator("#sql");
        await editor.FillAsync("DELETE FROM window_revenue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        var refusal = page.Locator("#sql-output [role='alert']");
        await Expect(refusal).ToContainTextAsync("read-only");
        await Expect(refusal).ToHaveAttributeAsync("data-kind", "read-only");
        await Screenshots.SaveAsync(page, nameof(SqlConsoleReturnsRowsAndRefusesDelete));

        Assert.True(await WindowRowsAsync() > 0, "the refused DELETE removed rows");
    }

    private async Task<long> WindowRowsAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(dashboard.App.ResourceNotifications.GetSnapshot("salesdb").ConnectionString!);
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
