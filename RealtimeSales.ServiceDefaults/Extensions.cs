using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Shared service defaults for every service: OpenTelemetry, health checks and the endpoints an orchestrator probes.
/// The Aspire service-defaults template's shape, as eShop's <c>AddBasicServiceDefaults</c>: none of our services makes
/// HTTP calls, so there is no service discovery or HTTP resilience to set up. Beyond the template: <c>/metrics</c>
/// (Prometheus text, which the throughput harness reads) and a bounded OTLP export.
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";
    private const string MetricsEndpointPath = "/metrics";

    /// <summary>
    /// The longest one OTLP export may take, retries included. The exporter's default, 10 s, is what a graceful stop
    /// waited for when the Aspire dashboard had already gone: the last flush retried into a closed port.
    /// </summary>
    private const string OtlpExportTimeoutMilliseconds = "2000";

    /// <summary>Adds OpenTelemetry and the default health checks, and a free loopback port unless one is given.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, params string[] meterNames)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry(meterNames);
        builder.AddDefaultHealthChecks();

        // Workers are probed, not browsed. Unless an orchestrator says where (ASPNETCORE_URLS), listen on
        // any free loopback port, so that several run side by side without fighting over port 5000.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.Configuration["urls"] = "http://127.0.0.1:0";
        }

        return builder;
    }

    /// <summary>Logs, metrics and traces through OpenTelemetry; OTLP export only when configured.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder, params string[] meterNames)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(meterNames)
                    // Served on /metrics so the AppHost's dashboard can read the workers' own numbers.
                    .AddPrometheusExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(builder.Environment.ApplicationName)
                    .AddAspNetCoreInstrumentation(options =>
                        // Probes every second would drown the real traces.
                        options.Filter = context =>
                            !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                            && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath)
                            && !context.Request.Path.StartsWithSegments(MetricsEndpointPath));
            });

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    private static void AddOpenTelemetryExporters<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var useOtlpExporter = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (useOtlpExporter)
        {
            // The exporter reads its settings from configuration; an explicit OTEL_EXPORTER_OTLP_TIMEOUT wins.
            builder.Configuration["OTEL_EXPORTER_OTLP_TIMEOUT"] ??= OtlpExportTimeoutMilliseconds;
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }

    /// <summary>Adds a <c>self</c> check tagged <c>live</c>: the process answers.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check must pass: ready), <c>/alive</c> (live checks only) and
    /// <c>/metrics</c> (Prometheus text). Mapped in every environment: the AppHost needs them.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Anonymous: the web app asks every other request to sign in, and the AppHost probes without a cookie.
        app.MapHealthChecks(HealthEndpointPath).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
        }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(MetricsEndpointPath).AllowAnonymous();
        return app;
    }
}
