using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>How one unit of a resource is run: started, probed, stopped. One subclass per kind of resource.</summary>
internal abstract class ResourceRunner : IAsyncDisposable
{
    /// <summary>How long a process gets to exit after SIGTERM before it is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>Given by configuration: the AppHost neither starts nor stops it.</summary>
    public virtual bool IsExternal => false;

    /// <summary>Completes with the exit code (when known) once the current run has ended.</summary>
    public abstract Task<int?> Exited { get; }

    /// <summary>Starts a run and returns once it is running (not necessarily healthy).</summary>
    /// <param name="connectionStrings">The connection strings of the resources this one references, by name.</param>
    /// <param name="cancellationToken">Abandons the start; whatever was started is stopped.</param>
    public abstract Task<RunningUnit> StartAsync(IReadOnlyDictionary<string, string> connectionStrings, CancellationToken cancellationToken);

    /// <summary>Asks the run to end, forcing it after <see cref="StopGrace"/>; returns once it has.</summary>
    public abstract Task StopAsync();

    /// <summary>Ends the run at once (SIGKILL), as a crash would.</summary>
    public abstract void Kill();

    public abstract Task<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
