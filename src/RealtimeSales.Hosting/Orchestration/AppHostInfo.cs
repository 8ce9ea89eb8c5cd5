using System.Reflection;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>
/// What the AppHost's build recorded about itself (assembly metadata written by
/// <c>build/RealtimeSales.Hosting.AppHost.targets</c>): its project directory, and the configuration and target
/// framework its referenced projects were built in, so that they run from that very build output.
/// </summary>
internal sealed record AppHostInfo(Assembly? Assembly, string Directory, string? Configuration, string? TargetFramework)
{
    public const string ProjectDirectoryKey = "AppHost.ProjectDirectory";
    public const string ConfigurationKey = "AppHost.Configuration";
    public const string TargetFrameworkKey = "AppHost.TargetFramework";

    public static AppHostInfo From(Assembly? assembly)
    {
        var metadata = assembly?.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value) ?? [];
        var directory = metadata.GetValueOrDefault(ProjectDirectoryKey) is { } projectDirectory && System.IO.Directory.Exists(projectDirectory)
            ? projectDirectory
            : AppContext.BaseDirectory;
        return new AppHostInfo(assembly, directory, metadata.GetValueOrDefault(ConfigurationKey), metadata.GetValueOrDefault(TargetFrameworkKey));
    }

    /// <summary>The generated metadata of a project the AppHost references, by project name (<c>RealtimeSales.DevBroker</c>).</summary>
    public IProjectMetadata? FindProject(string projectName) =>
        Assembly?.GetType("Projects." + projectName.Replace('.', '_'), throwOnError: false) is { } type
        && Activator.CreateInstance(type) is IProjectMetadata project
            ? project
            : null;

    /// <summary>The project's main assembly in its build output: <c>bin/&lt;Configuration&gt;/&lt;TargetFramework&gt;/&lt;Name&gt;.dll</c>.</summary>
    /// <exception cref="InvalidOperationException">The AppHost's build information is missing, or the project is not built.</exception>
    public string AssemblyPath(IProjectMetadata project)
    {
        if (Configuration is null || TargetFramework is null)
        {
            throw new InvalidOperationException(
                $"The AppHost assembly '{Assembly?.GetName().Name}' does not say which build configuration to run projects from: " +
                "import src/RealtimeSales.Hosting/build/RealtimeSales.Hosting.AppHost.targets in the AppHost project.");
        }

        var name = Path.GetFileNameWithoutExtension(project.ProjectPath);
        var path = Path.Combine(Path.GetDirectoryName(project.ProjectPath)!, "bin", Configuration, TargetFramework, name + ".dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"'{path}' does not exist: {name} is not built in {Configuration}. Build the AppHost (`dotnet build -c {Configuration}`), " +
                "which builds every project it references.");
    }
}
