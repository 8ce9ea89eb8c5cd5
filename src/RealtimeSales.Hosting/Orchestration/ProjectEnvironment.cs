using System.Globalization;
using Microsoft.Extensions.Configuration;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>The environment variables a project's process gets from the AppHost, on top of the AppHost's own environment.</summary>
internal static class ProjectEnvironment
{
    public static Dictionary<string, string?> Build(ProjectResource project, string unitName, int port, IConfiguration configuration,
        string environmentName, IReadOnlyDictionary<string, string> connectionStrings)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["ASPNETCORE_URLS"] = url,
            // Also unprefixed: a project's appsettings.json "Urls" outranks ASPNETCORE_URLS, not this.
            ["Urls"] = url,
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=" + unitName,
            // One line per log entry: the console prefixes lines with the resource name, and the log buffer keeps whole entries.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ",
            // The AppHost probes /health every second until healthy and shows the verdict in its status view; the
            // project's own error line per failed probe, and its "Press Ctrl+C" banner, would only repeat it as noise.
            ["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
        };

        // Telemetry leaves only when the AppHost was told where to send it.
        foreach (var key in (string[])["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS"])
        {
            if (configuration[key] is { Length: > 0 } value)
            {
                environment[key] = value;
            }
        }

        foreach (var section in project.ConfigurationSections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null)
                {
                    environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
                }
            }
        }

        foreach (var (name, connectionString) in connectionStrings)
        {
            environment["ConnectionStrings__" + name] = connectionString;
        }

        foreach (var (name, value) in project.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }
}
