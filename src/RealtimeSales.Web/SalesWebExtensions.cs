using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RealtimeSales.Contracts;
using RealtimeSales.Kafka;
using RealtimeSales.ServiceDefaults;
using RealtimeSales.Web.Pipeline;
using RealtimeSales.Web.Sales;
using RealtimeSales.Web.Security;
using RealtimeSales.Web.Site;
using RealtimeSales.Web.Sql;

namespace RealtimeSales.Web;

/// <summary>The web app's services and endpoints: Sales, Pipeline and the SQL console, behind a token sign-in.</summary>
internal static class SalesWebExtensions
{
    /// <summary>Registers the pages' services, the validated <c>Web:*</c> options, the Kafka client and the read-only database.</summary>
    public static IHostApplicationBuilder AddSalesWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebOptions>()
            .BindConfiguration(WebOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        services.AddSingleton<WebAccess>();
        services.AddSingleton(TimeProvider.System);
        builder.AddKafkaClients(KafkaClientDefaults.ConnectionName, KafkaClientDefaults.DefaultBootstrapServers);

        services.AddProblemDetails();
        services.AddSingleton<HtmlPages>();
        services.AddTokenAuthentication();
        services.AddSingleton<EmbeddedAssets>();
        services.AddSingleton<Cookbook>();
        services.AddSingleton(provider => new ReadOnlyDatabase(
            () => ReadOnlyDatabase.OwnerConnectionString(provider.GetRequiredService<IConfiguration>()),
            provider.GetRequiredService<IOptions<WebOptions>>(), provider.GetRequiredService<ILogger<ReadOnlyDatabase>>()));
        services.AddSingleton<SqlConsole>();
        services.AddSingleton<SalesReader>();
        services.AddSingleton(provider => new TopicEnds(provider.GetRequiredService<KafkaClientFactory>(), Topics.Sales));
        services.AddSingleton(provider => new CheckpointReader(provider.GetRequiredService<ReadOnlyDatabase>(), Topics.Sales));
        services.AddSingleton<PipelineMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<PipelineMonitor>());
        return builder;
    }

    /// <summary>Maps the pages and their API. Everything but the sign-in page, the assets and the health endpoints needs the session cookie.</summary>
    public static WebApplication MapSalesWeb(this WebApplication app)
    {
        // Loopback only, whatever address Kestrel was told: the SQL console is not for the network, token or not.
        app.Use((http, next) =>
        {
            if (http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
            {
                return next(http);
            }

            Log.NotLoopback(app.Logger, http.Connection.RemoteIpAddress?.ToString());
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });

        // Errors become problem details, never a stack trace; pages explain their own empty and error states.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapAssets();
        app.MapLogin();
        app.MapPages();
        var api = app.MapGroup("/api");
        api.MapPipelineApi();
        api.MapSalesApi();
        api.MapSqlApi();

        var access = app.Services.GetRequiredService<WebAccess>();
        if (access.IsTokenGenerated)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                foreach (var address in addresses)
                {
                    Log.SignIn(app.Logger, $"{address.TrimEnd('/')}{TokenAuthentication.LoginPath}?{TokenAuthentication.TokenParameter}={access.Token}");
                }
            });
        }

        return app;
    }
}
