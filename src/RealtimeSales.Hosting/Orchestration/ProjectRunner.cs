using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Processes;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>One process of a project: <c>dotnet &lt;build output&gt;</c>, healthy when its <c>/health</c> answers 200.</summary>
internal sealed class ProjectRunner(
    ProjectResource project,
    AppHostInfo appHost,
    ResourceLog log,
    Func<int, IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string?>> environment) : ResourceRunner
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(3) };

    private SupervisedProcess? _process;
    private Task<int?> _exited = Task.FromResult<int?>(null);
    private int _port;

    public override Task<int?> Exited => _exited;

    private Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    public override async Task<RunningUnit> StartAsync(IReadOnlyDictionary<string, string> connectionStrings, CancellationToken cancellationToken)
    {
        var assembly = appHost.AssemblyPath(project.Metadata);

        // The same port on every restart: addresses shown once stay true.
        if (_port == 0)
        {
            _port = FreePort.Next();
        }

        cancellationToken.ThrowIfCancellationRequested();
        _process = await SupervisedProcess.StartAsync("dotnet", [assembly], environment(_port, connectionStrings),
            Path.GetDirectoryName(project.Metadata.ProjectPath)!, log.Add);
        _exited = ExitCodeAsync(_process);
        return new RunningUnit(_process.Id, null, [new ResourceEndpoint("http", BaseAddress.ToString().TrimEnd('/'))]);
    }

    public override async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await process.StopAsync(StopGrace);
        }
    }

    public override void Kill() => _process?.Signal(NativeMethods.SigKill);

    public override async Task<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s_http.GetAsync(new Uri(BaseAddress, "/health"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy(body)
                : HealthCheckResult.Unhealthy($"/health answered {(int)response.StatusCode}: {body}");
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Unhealthy($"/health: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("/health did not answer within 3 s");
        }
    }

    private static async Task<int?> ExitCodeAsync(SupervisedProcess process) => await process.Exited;
}
