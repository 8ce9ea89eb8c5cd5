using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RealtimeSales.Web.Tests.Server;

/// <summary>
/// The web app in memory (ASP.NET Core's test server), for what it does on its own: sign-in, refusals, assets. No
/// database and no Kafka unless a test gives them: the pages must explain their absence, not fail.
/// </summary>
internal sealed class WebServer(params string[] settings) : WebApplicationFactory<WebOptions>
{
    public const string Token = "0123456789abcdef-for-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Web:Token", Token);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FromLoopback>());

        // Nothing listens here, so Kafka is absent for the pipeline's reader, quickly.
        builder.UseSetting("ConnectionStrings:kafka", "127.0.0.1:9");
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            builder.UseSetting(setting[..equals], setting[(equals + 1)..]);
        }
    }

    /// <summary>
    /// The test server's requests come from no address at all; a browser on this machine comes from loopback. A request
    /// that says where it comes from (<see cref="Microsoft.AspNetCore.TestHost.TestServer.SendAsync"/>) keeps its address.
    /// </summary>
    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    /// <summary>A client that shows redirects and keeps no cookies: what a browser without the web app's cookie sends.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A client signed in through the login link.</summary>
    public async Task<HttpClient> SignedInAsync(CancellationToken cancellationToken)
    {
        using var anonymous = Anonymous();
        using var signIn = await anonymous.GetAsync($"/login?t={Token}", cancellationToken);
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        return client;
    }
}
