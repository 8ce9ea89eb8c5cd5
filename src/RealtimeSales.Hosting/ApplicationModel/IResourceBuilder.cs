namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>Configures one resource of the application; the extension methods (<c>WithReference</c>, <c>WaitFor</c>, …) hang off it.</summary>
/// <typeparam name="T">The resource type.</typeparam>
public interface IResourceBuilder<out T>
    where T : IResource
{
    /// <summary>The builder of the application the resource belongs to.</summary>
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    /// <summary>The resource being configured.</summary>
    T Resource { get; }
}
