using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Postgres;
using RealtimeSales.Hosting.Processes;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>A PostgreSQL server from the machine's installation, through <see cref="LocalPostgres"/>.</summary>
internal sealed class PostgresServerRunner(PostgresServerResource postgres, int port, ResourceLog log) : ResourceRunner
{
    private LocalPostgres? _server;
    private Task<int?> _exited = Task.FromResult<int?>(null);

    /// <summary>The server once it has been started (stopped or not); its databases are created through it.</summary>
    public LocalPostgres? Server => _server;

    public override Task<int?> Exited => _exited;

    public override async Task<RunningUnit> StartAsync(IReadOnlyDictionary<string, string> connectionStrings, CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            _server = await LocalPostgres.StartAsync(
                new LocalPostgresOptions { DataDirectory = postgres.DataDirectory, Port = port, OutputReceived = line => log.Add(line, isErrorOutput: false) },
                cancellationToken);
            log.Add(_server.IsPersistent
                ? $"Data directory {_server.DataDirectory} (kept, with its generated password)."
                : $"Data directory {_server.DataDirectory} (deleted when the application stops).", isErrorOutput: false);
        }
        else
        {
            await _server.StartAgainAsync(cancellationToken);
        }

        _exited = ExitCodeAsync(_server.Exited);
        return new RunningUnit(_server.ProcessId, null, [new ResourceEndpoint("tcp", $"127.0.0.1:{_server.Port}")]);
    }

    public override Task StopAsync() => _server?.StopAsync() ?? Task.CompletedTask;

    public override void Kill()
    {
        if (_server?.ProcessId is { } processId)
        {
            _ = NativeMethods.Kill(processId, NativeMethods.SigKill);
        }
    }

    public override Task<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken) => _server is null
        ? Task.FromResult(HealthCheckResult.Unhealthy("not started"))
        : PostgresProbe.CheckAsync(_server.ConnectionString("postgres"), cancellationToken);

    /// <summary>Stops the server and deletes a per-run data directory.</summary>
    public override ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static async Task<int?> ExitCodeAsync(Task<int>? exited) => exited is null ? null : await exited;
}
