using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting;

internal sealed class ResourceBuilder<T>(IDistributedApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T>
    where T : IResource
{
    public IDistributedApplicationBuilder ApplicationBuilder => applicationBuilder;

    public T Resource => resource;
}
