using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>
/// The state of one running unit of the application at one moment: a resource, or one replica of it. A new
/// snapshot is published through <see cref="ResourceNotificationService"/> whenever anything here changes.
/// </summary>
public sealed record ResourceSnapshot
{
    /// <summary>The unit's name: the resource name, or <c>name-N</c> for one of several replicas.</summary>
    public required string Name { get; init; }

    /// <summary>The name of the resource it belongs to.</summary>
    public required string ResourceName { get; init; }

    /// <summary>The resource type: <c>Project</c>, <c>Kafka</c>, <c>Postgres</c>, <c>PostgresDatabase</c>.</summary>
    public required string ResourceType { get; init; }

    public ResourceState State { get; init; }

    /// <summary>The last health probe's verdict while running; <see langword="null"/> before the first probe or when not running.</summary>
    public HealthStatus? Health { get; init; }

    /// <summary>What the last health probe said, e.g. why the resource is unhealthy.</summary>
    public string? HealthDescription { get; init; }

    /// <summary>The process id while a process runs; <see langword="null"/> for external resources and databases.</summary>
    public int? ProcessId { get; init; }

    /// <summary>When the current or last run started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the last run ended.</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>How many times it was started again after its first start (restart, or start after a stop or crash).</summary>
    public int Restarts { get; init; }

    /// <summary>The exit code of the last run once it has ended.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Why it could not start (<see cref="ResourceState.FailedToStart"/>).</summary>
    public string? Error { get; init; }

    /// <summary>Given by configuration (<c>ConnectionStrings:&lt;name&gt;</c>), not started or stopped by the AppHost.</summary>
    public bool IsExternal { get; init; }

    /// <summary>The connection string referencing projects receive, once known. It holds local development credentials.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Where it can be reached.</summary>
    public IReadOnlyList<ResourceEndpoint> Endpoints { get; init; } = [];

    /// <summary>The resources it waits for (<c>WaitFor</c>), by name.</summary>
    public IReadOnlyList<string> WaitsFor { get; init; } = [];

    /// <summary>Running and reported healthy.</summary>
    public bool IsHealthy => State == ResourceState.Running && Health == HealthStatus.Healthy;

    /// <summary>Not running and not about to run: exited, finished, or failed to start.</summary>
    public bool IsTerminal => State is ResourceState.Exited or ResourceState.Finished or ResourceState.FailedToStart;
}
