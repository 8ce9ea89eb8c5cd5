using System.Diagnostics;
using System.Globalization;

namespace RealtimeSales.Testing;

/// <summary>
/// The DevBroker running as a real child process (<c>dotnet RealtimeSales.DevBroker.dll ...</c>), with its
/// output captured for assertions and failure messages. Disposing it stops the process.
/// </summary>
/// <remarks>
/// The DevBroker runs from its build output in the tests' configuration (<see cref="BuiltProject"/>).
/// The process is always started with <c>--exit-on-stdin-close</c> and a stdin pipe, so it dies with
/// the test process even when that is killed.
/// </remarks>
public sealed class DevBrokerProcess : IAsyncDisposable
{
    /// <summary>How long a wait lasts unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private const string BootstrapPrefix = "bootstrap: ";
    private const int MaxLinesKept = 500;
    private const int LinesInFailureMessages = 40;

    private static readonly TimeSpan s_gracefulStopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly Queue<string> _output = new();
    private readonly List<string> _standardOutput = [];
    private readonly List<string> _standardError = [];
    private readonly TaskCompletionSource<string> _bootstrap = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DevBrokerProcess(Process process) => _process = process;

    /// <summary>The DevBroker assembly in the solution's build output.</summary>
    public static string DefaultAssemblyPath => BuiltProject.Dll("RealtimeSales.DevBroker");

    /// <summary>The process id, e.g. to send it signals.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// <c>127.0.0.1:PORT</c> from the DevBroker's <c>bootstrap:</c> line.
    /// </summary>
    /// <exception cref="InvalidOperationException">The line has not been printed (yet).</exception>
    public string BootstrapServers =>
        _bootstrap.Task.IsCompletedSuccessfully
            ? _bootstrap.Task.Result
            : throw new InvalidOperationException("The DevBroker has not reported ready; await WaitForBootstrapAsync first.");

    /// <summary>The port clients connect to.</summary>
    public int Port => int.Parse(BootstrapServers[(BootstrapServers.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Everything printed on stdout so far (the most recent lines if it is long).</summary>
    public string StandardOutput => Snapshot(_standardOutput);

    /// <summary>Everything printed on stderr so far (the most recent lines if it is long).</summary>
    public string StandardError => Snapshot(_standardError);

    /// <summary>Starts a DevBroker with topic <c>sales</c> of <paramref name="partitions"/> partitions on <paramref name="port"/> (0: any free port).</summary>
    public static Task<DevBrokerProcess> StartAsync(int partitions, CancellationToken cancellationToken, int port = 0) =>
        StartAsync(["--port", port.ToString(CultureInfo.InvariantCulture), "--partitions", partitions.ToString(CultureInfo.InvariantCulture)], cancellationToken);

    /// <summary>
    /// Starts a DevBroker and waits until it has printed its bootstrap line.
    /// </summary>
    /// <param name="arguments">DevBroker arguments, e.g. <c>["--port", "0", "--partitions", "12"]</c>.</param>
    /// <param name="cancellationToken">Cancels the wait (the process is then stopped).</param>
    /// <exception cref="TimeoutException">Not ready within <see cref="DefaultTimeout"/>; the message shows its output.</exception>
    public static async Task<DevBrokerProcess> StartAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var broker = Launch(arguments);
        try
        {
            await broker.WaitForBootstrapAsync(DefaultTimeout, cancellationToken);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a DevBroker and returns at once, for tests of start-up failures; then await
    /// <see cref="WaitForBootstrapAsync"/> or <see cref="WaitForExitAsync"/>.
    /// </summary>
    /// <param name="arguments">DevBroker arguments.</param>
    /// <param name="assemblyPath">The DevBroker dll; <see cref="DefaultAssemblyPath"/> when null.</param>
    public static DevBrokerProcess Launch(IEnumerable<string> arguments, string? assemblyPath = null)
    {
        assemblyPath ??= DefaultAssemblyPath;
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"DevBroker not found at {assemblyPath}: build the solution first.",
                assemblyPath);
        }

        var startInfo = new ProcessStartInfo
        {
            // Set by the dotnet CLI for its child processes; when the test executable runs on its own, use PATH.
            FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(assemblyPath);
        startInfo.ArgumentList.Add("--exit-on-stdin-close");
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var broker = new DevBrokerProcess(process);
        process.OutputDataReceived += (_, e) => broker.OnStandardOutput(e.Data);
        process.ErrorDataReceived += (_, e) => broker.OnStandardError(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return broker;
    }

    /// <summary>Waits for the <c>bootstrap: 127.0.0.1:PORT</c> line and returns <c>127.0.0.1:PORT</c>.</summary>
    /// <exception cref="TimeoutException">Not printed in time; the message shows the latest output.</exception>
    /// <exception cref="InvalidOperationException">The process ended without printing it.</exception>
    public async Task<string> WaitForBootstrapAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _bootstrap.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(Describe($"printed no '{BootstrapPrefix}...' line within {timeout.TotalSeconds:0.#} s"));
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    /// <exception cref="TimeoutException">Still running after <paramref name="timeout"/>; the message shows the latest output.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            // Also waits until stdout and stderr are read to the end, so the output properties are complete.
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(Describe($"was still running after {timeout.TotalSeconds:0.#} s"));
        }
    }

    /// <summary>Sends SIGTERM and waits for the process to exit; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)])
                          ?? throw new InvalidOperationException("Could not start 'kill'."))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        return await WaitForExitAsync(timeout, cancellationToken);
    }

    /// <summary>Closes the DevBroker's stdin, which makes it stop (it runs with <c>--exit-on-stdin-close</c>).</summary>
    public void CloseStandardInput() => _process.StandardInput.Close();

    /// <summary>The latest output lines of both streams, oldest first, each marked with its stream.</summary>
    public string RecentOutput(int lines = LinesInFailureMessages)
    {
        lock (_lock)
        {
            return string.Join(Environment.NewLine, _output.Skip(Math.Max(0, _output.Count - lines)));
        }
    }

    /// <summary>Stops the process: gracefully by closing stdin, killed if that takes too long.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                CloseStandardInput();
                using var graceful = new CancellationTokenSource(s_gracefulStopTimeout);
                await _process.WaitForExitAsync(graceful.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnStandardOutput(string? line)
    {
        if (line is null)
        {
            _ = FailBootstrapAfterExitAsync();
            return;
        }

        Remember(_standardOutput, "stdout", line);
        if (line.StartsWith(BootstrapPrefix, StringComparison.Ordinal))
        {
            _bootstrap.TrySetResult(line[BootstrapPrefix.Length..].Trim());
        }
    }

    /// <summary>Stdout ended without a bootstrap line: fail the wait, with stderr read to the end if possible.</summary>
    private async Task FailBootstrapAfterExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(s_gracefulStopTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _bootstrap.TrySetException(new InvalidOperationException(Describe($"closed stdout without a '{BootstrapPrefix}...' line")));
    }

    private void OnStandardError(string? line)
    {
        if (line is not null)
        {
            Remember(_standardError, "stderr", line);
        }
    }

    private void Remember(List<string> stream, string streamName, string line)
    {
        lock (_lock)
        {
            if (stream.Count == MaxLinesKept)
            {
                stream.RemoveAt(0);
            }

            stream.Add(line);
            if (_output.Count == MaxLinesKept)
            {
                _output.Dequeue();
            }

            _output.Enqueue($"[{streamName}] {line}");
        }
    }

    private string Snapshot(List<string> stream)
    {
        lock (_lock)
        {
            return string.Join(Environment.NewLine, stream);
        }
    }

    private string Describe(string what)
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "still running";
        return $"The DevBroker (pid {_process.Id}, {state}) {what}. Latest output:{Environment.NewLine}{RecentOutput()}";
    }
}
