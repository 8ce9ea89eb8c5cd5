using RealtimeSales.Hosting;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Dashboard.Resources;

/// <summary>The Resources page's buttons, carried out by the engine's <see cref="ResourceCommandService"/>.</summary>
internal static class ResourceCommands
{
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Restart = "restart";

    public static bool IsKnown(string command) => command is Start or Stop or Restart;

    /// <summary>Runs the command to its end: a stop returns once the process has exited.</summary>
    /// <exception cref="DistributedApplicationException">The engine refused or the resource failed to start.</exception>
    public static Task RunAsync(ResourceCommandService commands, string command, string name, CancellationToken cancellationToken) => command switch
    {
        Start => commands.StartResourceAsync(name, cancellationToken),
        Stop => commands.StopResourceAsync(name, cancellationToken),
        Restart => commands.RestartResourceAsync(name, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Commands are start, stop and restart."),
    };
}
