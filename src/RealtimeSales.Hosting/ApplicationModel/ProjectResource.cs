namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>A .NET project of the solution, run as a child process from its build output.</summary>
public sealed class ProjectResource : Resource, IResourceWithEnvironment, IResourceWithWaitSupport
{
    internal ProjectResource(string name, IProjectMetadata metadata)
        : base(name) => Metadata = metadata;

    /// <inheritdoc />
    public override string ResourceType => "Project";

    /// <summary>Which project this is.</summary>
    public IProjectMetadata Metadata { get; }

    /// <summary>How many processes run it; replicas are named <c>name-0</c>, <c>name-1</c>, … when more than one.</summary>
    public int Replicas { get; internal set; } = 1;
}
