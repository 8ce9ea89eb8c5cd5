using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RealtimeSales.Dashboard;

/// <summary>Runs the dashboard's web server inside the AppHost for as long as the application runs.</summary>
internal sealed class DashboardService(IServiceProvider appHost, IOptions<DashboardOptions> options, DashboardAccess access,
    ILogger<DashboardService> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _web;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var web = DashboardWebApplication.Create(appHost, options.Value, access);
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            // The resources are worth running without their dashboard; the message says how to get one.
            Log.PortInUse(logger, options.Value.Port, DashboardOptions.SectionName + ":" + nameof(DashboardOptions.Port));
            await web.DisposeAsync();
            return;
        }

        _web = web;
        var address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        access.Address = new Uri(address.TrimEnd('/') + "/");

        // Exactly this line, once: people and scripts look for "dashboard: ".
        await Console.Out.WriteLineAsync($"dashboard: {access.LoginUrl}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_web is not null)
        {
            await _web.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }
    }
}
