using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting;

/// <summary>Helpers on the application builder.</summary>
public static class DistributedApplicationBuilderExtensions
{
    /// <summary>
    /// A builder for the resource called <paramref name="name"/>, for changing a resource the AppHost declared,
    /// e.g. in a test: <c>builder.CreateResourceBuilder&lt;ProjectResource&gt;("aggregator").WithReplicas(3)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No resource of that name and type.</exception>
    public static IResourceBuilder<T> CreateResourceBuilder<T>(this IDistributedApplicationBuilder builder, string name)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resource = builder.Resources.OfType<T>().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"There is no {typeof(T).Name} named '{name}'. Resources: {string.Join(", ", builder.Resources.Select(r => r.ToString()))}.", nameof(name));
        return builder.CreateResourceBuilder(resource);
    }
}
