using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>A resource given by a connection string in the AppHost's configuration: nothing to start, only to probe.</summary>
internal sealed class ExternalRunner(
    string description,
    string? connectionString,
    IReadOnlyList<ResourceEndpoint> endpoints,
    Func<CancellationToken, Task<HealthCheckResult>> probe,
    ResourceLog log,
    IDisposable? ownedProbe = null) : ResourceRunner
{
    private readonly TaskCompletionSource<int?> _never = new();

    public override bool IsExternal => true;

    public override Task<int?> Exited => _never.Task;

    public override Task<RunningUnit> StartAsync(IReadOnlyDictionary<string, string> connectionStrings, CancellationToken cancellationToken)
    {
        log.Add($"Using {description}; the AppHost does not start or stop it.", isErrorOutput: false);
        return Task.FromResult(new RunningUnit(null, connectionString, endpoints));
    }

    public override Task StopAsync() => Task.CompletedTask;

    public override void Kill()
    {
    }

    public override Task<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken) => probe(cancellationToken);

    public override ValueTask DisposeAsync()
    {
        ownedProbe?.Dispose();
        return ValueTask.CompletedTask;
    }
}
