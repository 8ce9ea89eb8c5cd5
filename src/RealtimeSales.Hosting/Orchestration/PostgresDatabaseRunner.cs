using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>A database on a server the AppHost runs: created (if missing) once the server is up; no process of its own.</summary>
internal sealed class PostgresDatabaseRunner(PostgresDatabaseResource database, PostgresServerRunner server, ResourceLog log) : ResourceRunner
{
    private TaskCompletionSource<int?> _run = Ended();
    private string? _connectionString;

    public override Task<int?> Exited => _run.Task;

    public override async Task<RunningUnit> StartAsync(IReadOnlyDictionary<string, string> connectionStrings, CancellationToken cancellationToken)
    {
        var host = server.Server ?? throw new InvalidOperationException($"{database.Server} has not been started.");
        await host.CreateDatabaseAsync(database.DatabaseName, cancellationToken);
        log.Add($"Database '{database.DatabaseName}' is on {database.Server}.", isErrorOutput: false);
        _run = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _connectionString = host.ConnectionString(database.DatabaseName);
        return new RunningUnit(null, _connectionString, [new ResourceEndpoint("postgresql", host.ConnectionUri(database.DatabaseName))]);
    }

    public override Task StopAsync()
    {
        _run.TrySetResult(null);
        return Task.CompletedTask;
    }

    public override void Kill() => _run.TrySetResult(null);

    public override Task<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken) => _connectionString is null
        ? Task.FromResult(HealthCheckResult.Unhealthy("not created yet"))
        : PostgresProbe.CheckAsync(_connectionString, cancellationToken);

    private static TaskCompletionSource<int?> Ended()
    {
        var ended = new TaskCompletionSource<int?>();
        ended.SetResult(null);
        return ended;
    }
}
