using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RealtimeSales.Web.Tests.Server;

/// <summary>The dashboard's server on its own: where it listens, its token, its refusals, its assets.</summary>
public sealed class DashboardServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ItListensOnLoopbackWithANewTokenEachRun()
    {
        var (first, firstAccess) = await BareApplication.StartAsync();
        await using (first)
        {
            var (second, secondAccess) = await BareApplication.StartAsync();
            await using (second)
            {
                Assert.Equal(IPAddress.Loopback.ToString(), firstAccess.Address!.Host);
                Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+/login\\?t=[0-9a-f]{32}$", firstAccess.LoginUrl!.ToString());
                Assert.NotEqual(firstAccess.Token, secondAccess.Token);
                Assert.NotEqual(firstAccess.Address, secondAccess.Address);
            }
        }
    }

    [Fact]
    public async Task AConfiguredTokenIsKeptAndTheDefaultPortIs18888UnlessPortsAreRandomised()
    {
        var (app, access) = await BareApplication.StartAsync("--Dashboard:Token=0123456789abcdef-kept", "--Hosting:RandomizePorts=true");
        await using (app)
        {
            Assert.Equal("0123456789abcdef-kept", access.Token);
            Assert.Equal(0, app.Services.GetRequiredService<IOptions<WebOptions>>().Value.Port);
        }
    }

    [Fact]
    public async Task ATakenPortLeavesTheApplicationRunningWithoutADashboard()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (app, access) = await BareApplication.StartAsync($"--Dashboard:Port={port}");
        await using (app)
        {
            Assert.Null(access.Address);
            Assert.Null(access.LoginUrl);
        }
    }

    [Fact]
    public async Task ABadSettingStopsTheStartWithAMessageNamingTheKey()
    {
        await using var app = BareApplication.Build("--Dashboard:Token=short");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains("Dashboard:Token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheCookieTheApiAnswers401AndPagesSendToTheLoginPage()
    {
        var (app, access) = await BareApplication.StartAsync();
        await using (app)
        {
            using var anonymous = BareApplication.Client(access);
            foreach (var page in (string[])["/", "/logs", "/pipeline", "/sales", "/sql"])
            {
                using var response = await anonymous.GetAsync(page, Ct);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/login?ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }

            foreach (var api in (string[])["/api/resources/stream", "/api/sales/stream", "/api/pipeline/stream", "/api/resources/x/secrets"])
            {
                using var response = await anonymous.GetAsync(api, Ct);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }

            using (var login = await anonymous.GetAsync("/login", Ct))
            {
                Assert.Equal(HttpStatusCode.OK, login.StatusCode);
                Assert.Contains("Sign in to the dashboard", await login.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }

            using var signIn = await anonymous.GetAsync($"/login?t={access.Token}&ReturnUrl=%2Fsql", Ct);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/sql", signIn.Headers.Location!.OriginalString);
            var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

            using var signedIn = BareApplication.Client(access, cookie.Split(';')[0]);
            using var sql = await signedIn.GetAsync("/sql", Ct);
            Assert.Equal(HttpStatusCode.OK, sql.StatusCode);
            Assert.Contains("top_stores(60, 5)", await sql.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheLoginLinkNeverSendsAnywhereElse()
    {
        var (app, access) = await BareApplication.StartAsync();
        await using (app)
        {
            using var client = BareApplication.Client(access);
            foreach (var returnUrl in (string[])["https://example.com/", "//example.com/", "/\\example.com"])
            {
                using var response = await client.GetAsync($"/login?t={access.Token}&ReturnUrl={Uri.EscapeDataString(returnUrl)}", Ct);
                Assert.Equal("/", response.Headers.Location!.OriginalString);
            }
        }
    }

    [Fact]
    public async Task AssetsAreServedFromTheAssemblyWithoutSignInAndRevalidatedByETag()
    {
        var (app, access) = await BareApplication.StartAsync();
        await using (app)
        {
            using var client = BareApplication.Client(access);
            foreach (var (asset, type) in (ValueTuple<string, string>[])[("site.css", "text/css"), ("dashboard.js", "text/javascript"), ("charts.js", "text/javascript"), ("favicon.svg", "image/svg+xml")])
            {
                using var response = await client.GetAsync("/assets/" + asset, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);

                using var again = new HttpRequestMessage(HttpMethod.Get, "/assets/" + asset);
                again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
                using var revalidated = await client.SendAsync(again, Ct);
                Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            }

            using var missing = await client.GetAsync("/assets/nothing.js", Ct);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
    }

    [Fact]
    public async Task TheSalesStreamExplainsThatThereIsNoDatabase()
    {
        var (app, access) = await BareApplication.StartAsync();
        await using (app)
        {
            using var anonymous = BareApplication.Client(access);
            using var signIn = await anonymous.GetAsync($"/login?t={access.Token}", Ct);
            using var client = BareApplication.Client(access, signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));

            await using var stream = await client.GetStreamAsync("/api/sales/stream", timeout.Token);
            using var reader = new StreamReader(stream);
            Assert.Equal("event: sales", await reader.ReadLineAsync(timeout.Token));
            var data = await reader.ReadLineAsync(timeout.Token);

            Assert.Contains("This application has no 'salesdb' resource", data, StringComparison.Ordinal);
        }
    }
}
