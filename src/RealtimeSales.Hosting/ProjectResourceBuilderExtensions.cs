using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting;

/// <summary>Projects of the solution as resources.</summary>
public static class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// Adds a project, run as <c>dotnet &lt;its build output&gt;</c> in the AppHost's own build configuration, with
    /// an HTTP endpoint on a free loopback port whose <c>/health</c> decides when it is healthy.
    /// </summary>
    /// <typeparam name="TProject">The project's generated metadata class, e.g. <c>Projects.RealtimeSales_Producer</c>.</typeparam>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ProjectResource(name, new TProject()));
    }

    /// <summary>Runs <paramref name="replicas"/> processes of the project, named <c>name-0</c> … <c>name-(n-1)</c> when more than one.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }
}
