using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The web app's token: without it nothing but the login page; with the link from the Aspire dashboard, everything.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SignInTests(BrowserApp browser)
{
    [Fact]
    public async Task WithoutTheTokenTheWebAppShowsOnlyItsLoginPage()
    {
        await using var context = await browser.NewContextAsync(browser.WebAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/sql");
        await Expect(page).ToHaveURLAsync(LoginPage());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Realtime Sales" })).ToBeVisibleAsync();

        foreach (var api in (string[])["/api/sales/stream", "/api/pipeline/stream"])
        {
            var response = await context.APIRequest.GetAsync(api, new() { MaxRedirects = 0 });
            Assert.True(response.Status == 401, $"{api} answered {response.Status} without the cookie");
        }

        var sql = await context.APIRequest.PostAsync("/api/sql", new() { DataObject = new { sql = "SELECT 1" }, MaxRedirects = 0 });
        Assert.Equal(401, sql.Status);

        var wrong = await page.GotoAsync("/login?t=not-the-token-0123456789");
        Assert.Equal(401, wrong!.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not this web app's");
        Assert.Empty(await context.CookiesAsync());
        await Screenshots.SaveAsync(page, "web", nameof(WithoutTheTokenTheWebAppShowsOnlyItsLoginPage));
    }

    [Fact]
    public async Task TheLinkInTheAspireDashboardSignsInAndOpensEveryPage()
    {
        await using var context = await browser.NewContextAsync(browser.WebAddress);
        var page = await browser.SignedInWebPageAsync(context);

        await Expect(page).ToHaveURLAsync(browser.WebAddress.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sales", Exact = true })).ToBeVisibleAsync();
        var cookie = Assert.Single(await context.CookiesAsync());
        Assert.True(cookie.HttpOnly, "the session cookie must not be readable by scripts");
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(browser.WebToken, cookie.Value, StringComparison.Ordinal);

        foreach (var (path, heading) in ((string, string)[])[("/pipeline", "Pipeline"), ("/sql", "SQL"), ("/", "Sales")])
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
        }

        // The login page's form takes a pasted token too, and returns to the page that was asked for.
        await using var other = await browser.NewContextAsync(browser.WebAddress);
        var pasted = await other.NewPageAsync();
        await pasted.GotoAsync("/pipeline");
        await pasted.GetByLabel("Token").FillAsync(browser.WebToken);
        await pasted.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(pasted).ToHaveURLAsync(new Uri(browser.WebAddress, "pipeline").ToString());
        await Screenshots.SaveAsync(pasted, "web", nameof(TheLinkInTheAspireDashboardSignsInAndOpensEveryPage));
    }

    [GeneratedRegex("/login\\?ReturnUrl=%2Fsql$")]
    private static partial Regex LoginPage();
}
