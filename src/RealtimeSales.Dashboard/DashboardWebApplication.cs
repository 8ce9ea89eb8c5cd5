using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeSales.Dashboard.Logs;
using RealtimeSales.Dashboard.Pipeline;
using RealtimeSales.Dashboard.Resources;
using RealtimeSales.Dashboard.Sales;
using RealtimeSales.Dashboard.Security;
using RealtimeSales.Dashboard.Sql;
using RealtimeSales.Dashboard.Web;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Dashboard;

/// <summary>
/// The dashboard's web server: its own small ASP.NET Core application inside the AppHost's process, sharing the
/// AppHost's resource services and logging but none of its configuration (an <c>ASPNETCORE_URLS</c> meant for a
/// project must not move the dashboard).
/// </summary>
internal static class DashboardWebApplication
{
    public static WebApplication Create(IServiceProvider appHost, DashboardOptions options, DashboardAccess access)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DashboardWebApplication).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));

        var services = builder.Services;
        services.AddLogging();
        services.AddSingleton(appHost.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(appHost.GetRequiredService<ResourceNotificationService>());
        services.AddSingleton(appHost.GetRequiredService<ResourceLoggerService>());
        services.AddSingleton(appHost.GetRequiredService<ResourceCommandService>());
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(access);
        services.AddSingleton(TimeProvider.System);

        services.AddRouting();
        services.AddProblemDetails();
        services.AddSingleton<HtmlPages>();
        services.AddTokenAuthentication();

        services.AddSingleton<EmbeddedAssets>();
        services.AddSingleton<Cookbook>();
        services.AddSingleton(provider => new ReadOnlyDatabase(
            () => ReadOnlyDatabase.OwnerConnectionString(provider.GetRequiredService<ResourceNotificationService>()),
            provider.GetRequiredService<IOptions<DashboardOptions>>(), provider.GetRequiredService<ILogger<ReadOnlyDatabase>>()));
        services.AddSingleton<SqlConsole>();
        services.AddSingleton<SalesReader>();
        services.AddSingleton<PipelineMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<PipelineMonitor>());

        var app = builder.Build();
        // Errors become problem details, never a stack trace; pages explain their own empty and error states.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapAssets();
        app.MapLogin();
        app.MapPages();
        var api = app.MapGroup("/api");
        api.MapResourceApi();
        api.MapLogApi();
        api.MapPipelineApi();
        api.MapSalesApi();
        api.MapSqlApi();
        return app;
    }
}
