using System.Reflection;

namespace RealtimeSales.Hosting;

/// <summary>How <see cref="DistributedApplication.CreateBuilder(DistributedApplicationOptions)"/> sets the application up.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>The AppHost's command line; <c>--Section:Key=value</c> arguments become configuration.</summary>
    public string[] Args { get; set; } = [];

    /// <summary>
    /// The AppHost's assembly, which holds the generated <c>Projects</c> metadata and the build configuration to
    /// run projects in. <see langword="null"/> (the default) means the entry assembly.
    /// </summary>
    public Assembly? AppHostAssembly { get; set; }

    /// <summary>
    /// Echo every resource's output to the console, prefixed with its name, with a status view and the endpoints
    /// once everything is healthy, and the AppHost's own logging. On by default; the testing builder turns it off
    /// (logs stay readable through <see cref="ApplicationModel.ResourceLoggerService"/>).
    /// </summary>
    public bool WriteToConsole { get; set; } = true;
}
