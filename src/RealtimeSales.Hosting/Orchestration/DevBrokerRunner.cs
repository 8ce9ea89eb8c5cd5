using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Processes;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>
/// The development broker as a child process: <c>dotnet RealtimeSales.DevBroker.dll --port P --partitions N
/// --exit-on-stdin-close</c>, running once it prints <c>bootstrap: 127.0.0.1:PORT</c>.
/// </summary>
internal sealed class DevBrokerRunner(KafkaResource kafka, AppHostInfo appHost, int port, string environmentName, ResourceLog log) : ResourceRunner
{
    public const string ProjectName = "RealtimeSales.DevBroker";
    private const string ReadyPrefix = "bootstrap: ";
    private const int ExitUsage = 2;
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    private int _port = port;
    private SupervisedProcess? _process;
    private KafkaProbe? _probe;
    private Task<int?> _exited = Task.FromResult<int?>(null);

    public override Task<int?> Exited => _exited;

    public override async Task<RunningUnit> StartAsync(IReadOnlyDictionary<string, string> connectionStrings, CancellationToken cancellationToken)
    {
        var project = appHost.FindProject(ProjectName) ?? throw new InvalidOperationException(
            $"{kafka} runs the DevBroker, but the AppHost has no Projects.{ProjectName.Replace('.', '_')}: add " +
            $"<ProjectReference Include=\"..\\src\\{ProjectName}\\{ProjectName}.csproj\" ReferenceOutputAssembly=\"false\" /> to the AppHost, " +
            $"or use an existing cluster by setting ConnectionStrings:{kafka.Name}.");
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        string[] arguments =
        [
            appHost.AssemblyPath(project),
            "--port", _port.ToString(CultureInfo.InvariantCulture),
            "--partitions", kafka.Partitions.ToString(CultureInfo.InvariantCulture),
            "--exit-on-stdin-close",
        ];
        var process = await SupervisedProcess.StartAsync("dotnet", arguments,
            new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = environmentName }, Path.GetDirectoryName(project.ProjectPath)!,
            (line, isError) =>
            {
                log.Add(line, isError);
                if (!isError && line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                {
                    ready.TrySetResult(line[ReadyPrefix.Length..].Trim());
                }
            });
        _process = process;
        _exited = ExitCodeAsync(process);

        var first = await Task.WhenAny(ready.Task, process.Exited, Task.Delay(s_startTimeout, cancellationToken));
        if (first != ready.Task)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(StartFailure(await process.Exited));
            }

            await process.StopAsync(TimeSpan.FromSeconds(2));
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"The DevBroker did not print '{ReadyPrefix}127.0.0.1:PORT' within {s_startTimeout.TotalSeconds:0} s.");
        }

        var bootstrap = await ready.Task;

        // Restarts keep the port, so the connection strings handed out stay valid.
        _port = int.Parse(bootstrap[(bootstrap.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        _probe?.Dispose();
        _probe = new KafkaProbe(bootstrap);
        return new RunningUnit(process.Id, bootstrap, [new ResourceEndpoint("tcp", bootstrap)]);
    }

    public override async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await process.StopAsync(StopGrace);
        }
    }

    public override void Kill() => _process?.Signal(NativeMethods.SigKill);

    public override Task<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken) =>
        _probe?.CheckAsync(cancellationToken) ?? Task.FromResult(HealthCheckResult.Unhealthy("not started"));

    public override ValueTask DisposeAsync()
    {
        _probe?.Dispose();
        return ValueTask.CompletedTask;
    }

    private string StartFailure(int exitCode)
    {
        var said = string.Join(Environment.NewLine, log.Snapshot().TakeLast(5).Select(line => "  " + line.Text));
        var hint = exitCode == ExitUsage && _port != 0
            ? $"{Environment.NewLine}Port {_port} is the AppHost's choice: free it, give AddKafka another port, or run the AppHost with --Hosting:RandomizePorts=true."
            : "";
        return $"The DevBroker exited with code {exitCode} before it was ready:{Environment.NewLine}{said}{hint}";
    }

    private static async Task<int?> ExitCodeAsync(SupervisedProcess process) => await process.Exited;
}
