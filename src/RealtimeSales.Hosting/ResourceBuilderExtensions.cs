using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting;

/// <summary>Wiring between resources, after Aspire's methods of the same names.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>
    /// Gives the resource <paramref name="source"/>'s connection string as <c>ConnectionStrings__&lt;name&gt;</c>.
    /// The resource starts only once that connection string is known; add <see cref="WaitFor"/> to also wait
    /// until the source is healthy.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        AsResource(builder.Resource).AddReference(source.Resource);
        return builder;
    }

    /// <summary>Starts the resource only once every unit of <paramref name="dependency"/> is running and healthy.</summary>
    /// <remarks>If the dependency fails to start, so does this resource, saying why.</remarks>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        if (ReferenceEquals(builder.Resource, dependency.Resource))
        {
            throw new DistributedApplicationException($"{builder.Resource} cannot wait for itself.");
        }

        AsResource(builder.Resource).AddWaitFor(dependency.Resource);
        return builder;
    }

    /// <summary>Sets an environment variable of the resource's processes; <see langword="null"/> removes one the AppHost would set.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string? value)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        AsResource(builder.Resource).AddEnvironment(name, value);
        return builder;
    }

    /// <summary>
    /// Passes the AppHost's configuration section <paramref name="section"/> on to the resource as environment
    /// variables, read when it starts: <c>--Aggregator:WindowSize=00:00:05</c> on the AppHost's command line (or the
    /// same key in its appsettings.json) becomes <c>Aggregator__WindowSize=00:00:05</c> for the resource.
    /// </summary>
    public static IResourceBuilder<T> WithConfigurationSection<T>(this IResourceBuilder<T> builder, string section)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        AsResource(builder.Resource).AddConfigurationSection(section);
        return builder;
    }

    private static Resource AsResource(IResource resource) => resource as Resource
        ?? throw new DistributedApplicationException($"'{resource.Name}' is a {resource.GetType().Name}, which this engine cannot run.");
}
