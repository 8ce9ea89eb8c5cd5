using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RealtimeSales.Web.Tests.Server;

/// <summary>The web app's server on its own: its token, its refusals, its assets.</summary>
public sealed class WebServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AGivenTokenIsKeptAndWithoutOneEachRunGeneratesItsOwn()
    {
        using var given = new WebServer();
        using var first = new WebServer("Web:Token=");
        using var second = new WebServer("Web:Token=");

        Assert.Equal(WebServer.Token, Access(given).Token);
        Assert.False(Access(given).IsTokenGenerated);
        Assert.True(Access(first).IsTokenGenerated);
        Assert.Matches("^[0-9a-f]{32}$", Access(first).Token);
        Assert.NotEqual(Access(first).Token, Access(second).Token);
    }

    [Fact]
    public async Task RequestsFromAnotherMachineAreRefusedEvenWithTheToken()
    {
        using var server = new WebServer();
        _ = server.Server;

        var remote = await server.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
            http.Request.Path = "/login";
            http.Request.QueryString = new QueryString($"?t={WebServer.Token}");
        }, Ct);
        var local = await server.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Loopback;
            http.Request.Path = "/login";
            http.Request.QueryString = new QueryString($"?t={WebServer.Token}");
        }, Ct);

        Assert.Equal(StatusCodes.Status403Forbidden, remote.Response.StatusCode);
        Assert.Equal(StatusCodes.Status302Found, local.Response.StatusCode);
    }

    [Fact]
    public void ABadSettingStopsTheStartWithAMessageNamingTheKey()
    {
        using var server = new WebServer("Web:Token=short");

        var error = Assert.Throws<OptionsValidationException>(() => server.Server);

        Assert.Contains("Web:Token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheCookieTheApiAnswers401AndPagesSendToTheLoginPage()
    {
        using var server = new WebServer();
        using var anonymous = server.Anonymous();
        foreach (var page in (string[])["/", "/pipeline", "/sql"])
        {
            using var response = await anonymous.GetAsync(page, Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login?ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        foreach (var api in (string[])["/api/sales/stream", "/api/pipeline/stream"])
        {
            using var response = await anonymous.GetAsync(api, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var login = await anonymous.GetAsync("/login", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Contains("Sign in to Realtime Sales", await login.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var health = await anonymous.GetAsync("/alive", Ct))
        {
            // The AppHost probes without a cookie.
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using var signIn = await anonymous.GetAsync($"/login?t={WebServer.Token}&ReturnUrl=%2Fsql", Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/sql", signIn.Headers.Location!.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var signedIn = await server.SignedInAsync(Ct);
        using var sql = await signedIn.GetAsync("/sql", Ct);
        Assert.Equal(HttpStatusCode.OK, sql.StatusCode);
        Assert.Contains("top_stores(60, 5)", await sql.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongTokenIsRefusedWithAnExplanation()
    {
        using var server = new WebServer();
        using var anonymous = server.Anonymous();

        using var response = await anonymous.GetAsync("/login?t=0123456789abcdef-a-guess", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("tokens change with every run", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task TheLoginLinkNeverSendsAnywhereElse()
    {
        using var server = new WebServer();
        using var client = server.Anonymous();
        foreach (var returnUrl in (string[])["https://example.com/", "//example.com/", "/\\example.com"])
        {
            using var response = await client.GetAsync($"/login?t={WebServer.Token}&ReturnUrl={Uri.EscapeDataString(returnUrl)}", Ct);
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task AssetsAreServedFromTheAssemblyWithoutSignInAndRevalidatedByETag()
    {
        using var server = new WebServer();
        using var client = server.Anonymous();
        foreach (var (asset, type) in (ValueTuple<string, string>[])[("site.css", "text/css"), ("site.js", "text/javascript"), ("charts.js", "text/javascript"), ("favicon.svg", "image/svg+xml")])
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

    [Fact]
    public async Task WithoutADatabaseTheSalesStreamSaysSoAndThePipelineNamesWhatItCannotRead()
    {
        using var server = new WebServer();
        using var client = await server.SignedInAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));

        Assert.Contains("ConnectionStrings:salesdb is not set", await FirstEventAsync(client, "/api/sales/stream", "sales", timeout.Token), StringComparison.Ordinal);
        var pipeline = await FirstEventAsync(client, "/api/pipeline/stream", "sample", timeout.Token);
        Assert.Contains("\"name\":\"PostgreSQL\",\"error\":\"ConnectionStrings:salesdb is not set", pipeline, StringComparison.Ordinal);
        Assert.Matches("\"name\":\"Kafka\",\"error\":\"[^\"]+\"", pipeline);
    }

    private static WebAccess Access(WebServer server) => server.Services.GetRequiredService<WebAccess>();

    private static async Task<string> FirstEventAsync(HttpClient client, string path, string name, CancellationToken cancellationToken)
    {
        await using var stream = await client.GetStreamAsync(path, cancellationToken);
        using var reader = new StreamReader(stream);
        Assert.Equal($"event: {name}", await reader.ReadLineAsync(cancellationToken));
        return await reader.ReadLineAsync(cancellationToken) ?? "";
    }
}
