namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>Where a resource is in its life, after Aspire's known resource states.</summary>
public enum ResourceState
{
    /// <summary>Declared, not started yet.</summary>
    NotStarted,

    /// <summary>Held back until the resources it waits for are running and healthy.</summary>
    Waiting,

    /// <summary>Being started.</summary>
    Starting,

    /// <summary>Running; see <see cref="ResourceSnapshot.Health"/> for whether it is ready.</summary>
    Running,

    /// <summary>Being stopped: asked to exit, killed if it does not in time.</summary>
    Stopping,

    /// <summary>Stopped by a command, killed, or crashed; see <see cref="ResourceSnapshot.ExitCode"/>. Not restarted automatically.</summary>
    Exited,

    /// <summary>Could not be started; see <see cref="ResourceSnapshot.Error"/>.</summary>
    FailedToStart,

    /// <summary>Exited on its own with exit code 0: its work is done (a producer with <c>Producer:MaxEvents</c>).</summary>
    Finished,
}
