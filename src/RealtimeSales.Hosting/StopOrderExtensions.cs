using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RealtimeSales.Hosting;

/// <summary>Stop order for infrastructure resources: what waits for them stops first.</summary>
public static class StopOrderExtensions
{
    /// <summary>
    /// When the AppHost stops, the projects and executables that wait for this resource are stopped (and awaited)
    /// before Aspire stops the rest, so their last checkpoint or flush still reaches it.
    /// </summary>
    public static IResourceBuilder<T> StopsAfterDependents<T>(this IResourceBuilder<T> builder)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DependentsStopFirst>());
        return builder.WithAnnotation(new StopsLastAnnotation(), ResourceAnnotationMutationBehavior.Replace);
    }
}
