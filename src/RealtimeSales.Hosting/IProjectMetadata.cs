namespace RealtimeSales.Hosting;

/// <summary>
/// A .NET project the AppHost runs. The AppHost's build generates one class per such project in the
/// <c>Projects</c> namespace (from its <c>ProjectReference</c> items marked <c>ReferenceOutputAssembly="false"</c>),
/// as Aspire does, so that <c>AddProject&lt;Projects.RealtimeSales_Producer&gt;("producer")</c> names a real project.
/// </summary>
public interface IProjectMetadata
{
    /// <summary>The full path of the project file.</summary>
    string ProjectPath { get; }
}
