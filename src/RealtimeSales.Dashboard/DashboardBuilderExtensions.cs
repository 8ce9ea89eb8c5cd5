using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RealtimeSales.Hosting;

namespace RealtimeSales.Dashboard;

/// <summary>Adds the web dashboard to an AppHost, as Aspire's AppHost has one.</summary>
public static class DashboardBuilderExtensions
{
    // The testing builder's switch for free host ports (RealtimeSales.Hosting's RunnerFactory): parallel test
    // applications must not fight over 18888 any more than over 9092.
    private const string RandomizePortsKey = "Hosting:RandomizePorts";

    /// <summary>
    /// Serves the dashboard on http://127.0.0.1:18888 (<c>Dashboard:Port</c>) while the application runs and prints
    /// its login link, <c>dashboard: http://127.0.0.1:PORT/login?t=TOKEN</c>, once it listens. Calling it twice adds it once.
    /// </summary>
    public static IDistributedApplicationBuilder AddDashboard(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(service => service.ServiceType == typeof(DashboardAccess)))
        {
            return builder;
        }

        builder.Services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .PostConfigure(options => options.Port = builder.Configuration.GetValue(RandomizePortsKey, false) ? 0 : options.Port)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        builder.Services.AddSingleton(services => new DashboardAccess(services.GetRequiredService<IOptions<DashboardOptions>>()));

        // Registered before Build() adds the orchestrator: started before the resources, so the dashboard shows
        // them from their first state, and stopped after them, so it shows them stopping.
        builder.Services.AddHostedService<DashboardService>();
        return builder;
    }
}
