namespace Aspire.Hosting;

/// <summary>Hands a section of the AppHost's configuration to a project, so <c>--Aggregator:WindowSize=…</c> reaches the aggregator.</summary>
internal static class ConfigurationSectionExtensions
{
    /// <summary>
    /// Sets <c>SECTION__KEY</c> in the project's environment for every <c>SECTION:KEY</c> the AppHost was given
    /// (command line, environment, appsettings), except the keys named in <paramref name="except"/>, which are the AppHost's own.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConfigurationSection(
        this IResourceBuilder<ProjectResource> builder, string section, params string[] except)
    {
        var configuration = builder.ApplicationBuilder.Configuration.GetSection(section);
        return builder.WithEnvironment(context =>
        {
            foreach (var (key, value) in configuration.AsEnumerable(makePathsRelative: true))
            {
                if (value is not null && !except.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    context.EnvironmentVariables[$"{section}__{key.Replace(":", "__", StringComparison.Ordinal)}"] = value;
                }
            }
        });
    }
}
