using Microsoft.Extensions.DependencyInjection;
using RealtimeSales.Hosting;

namespace RealtimeSales.Web.Tests.Server;

/// <summary>An application with a dashboard and no resources: starts in a moment, for what the dashboard does on its own.</summary>
internal static class BareApplication
{
    public static async Task<(DistributedApplication App, WebAccess Access)> StartAsync(params string[] args)
    {
        var app = Build(args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return (app, app.Services.GetRequiredService<WebAccess>());
    }

    public static DistributedApplication Build(params string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = ["--Dashboard:Port=0", .. args],
            AppHostAssembly = typeof(BareApplication).Assembly,
            WriteToConsole = false,
        });
        builder.AddDashboard();
        return builder.Build();
    }

    /// <summary>A client that shows redirects and keeps no cookies: what a browser without the dashboard's cookie sends.</summary>
    public static HttpClient Client(WebAccess access, string? cookie = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = access.Address };
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
        }

        return client;
    }
}
