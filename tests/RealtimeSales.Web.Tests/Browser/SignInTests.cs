using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The token: without it nothing but the login page; with the printed link, everything.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class SignInTests(DashboardApp dashboard)
{
    [Fact]
    public async Task RequestsWithoutTheTokenAreRefused()
    {
        await using var context = await dashboard.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/sales");
        await Expect(page).ToHaveURLAsync(LoginPage());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the dashboard" })).ToBeVisibleAsync();

        foreach (var api in (string[])["/api/resources/stream", "/api/sales/stream", "/api/logs/producer/stream", "/api/pipeline/stream"])
        {
            var response = await context.APIRequest.GetAsync(api, new() { MaxRedirects = 0 });
            Assert.True(response.Status == 401, $"{api} answered {response.Status} without the cookie");
        }

        var sql = await context.APIRequest.PostAsync("/api/sql", new() { DataObject = new { sql = "SELECT 1" }, MaxRedirects = 0 });
        Assert.Equal(401, sql.Status);
        var stop = await context.APIRequest.PostAsync("/api/resources/producer/stop", new() { MaxRedirects = 0 });
        Assert.Equal(401, stop.Status);

        var wrong = await page.GotoAsync("/login?t=not-the-token-0123456789");
        Assert.Equal(401, wrong!.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not this dashboard's");
        Assert.Empty(await context.CookiesAsync());
        await Screenshots.SaveAsync(page, nameof(RequestsWithoutTheTokenAreRefused));
    }

    [Fact]
    public async Task TheLoginLinkSetsACookieThatOpensEveryPage()
    {
        await using var context = await dashboard.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(dashboard.Access.LoginUrl!.ToString());

        await Expect(page).ToHaveURLAsync(dashboard.Address.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resources" })).ToBeVisibleAsync();
        var cookie = Assert.Single(await context.CookiesAsync());
        Assert.True(cookie.HttpOnly, "the session cookie must not be readable by scripts");
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(dashboard.Access.Token, cookie.Value, StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, nameof(TheLoginLinkSetsACookieThatOpensEveryPage));

        foreach (var (path, heading) in ((string, string)[])[("/logs", "Console logs"), ("/pipeline", "Pipeline"), ("/sales", "Sales"), ("/sql", "SQL")])
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
        }

        // The login page's form takes a pasted token too, and returns to the page that was asked for.
        await using var other = await dashboard.NewContextAsync();
        var pasted = await other.NewPageAsync();
        await pasted.GotoAsync("/pipeline");
        await pasted.GetByLabel("Token").FillAsync(dashboard.Access.Token);
        await pasted.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(pasted).ToHaveURLAsync(new Uri(dashboard.Address, "pipeline").ToString());
    }

    [GeneratedRegex("/login\\?ReturnUrl=%2Fsales$")]
    private static partial Regex LoginPage();
}
