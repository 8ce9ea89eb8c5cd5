using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RealtimeSales.Testing;

/// <summary>
/// A real child process for tests (a worker, the DevBroker): its output kept in a bounded buffer, waits
/// that fail with its last lines, and the signals crash tests need (SIGKILL, SIGTERM, SIGSTOP, SIGCONT).
/// Disposing kills it if it still runs.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 4000;
    private const int LinesInErrors = 40;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly Lock _linesLock = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>Name used in messages and output prefixes.</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet <paramref name="dll"/></c> with <paramref name="arguments"/> and extra environment variables.</summary>
    public static ChildProcess StartDotnet(string name, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(name, "dotnet", [dll, .. arguments], environment);

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The output lines kept so far (stdout and stderr interleaved), oldest first.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_linesLock)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int count = LinesInErrors) => string.Join('\n', Lines.TakeLast(count).Select(line => $"  {Name}| {line}"));

    /// <summary>Waits for an output line matching <paramref name="match"/> (already seen or still to come).</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<string> found = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_linesLock)
        {
            if (_lines.FirstOrDefault(match) is { } seen)
            {
                return seen;
            }

            _waiters.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name}: no output line {what} within {timeout} (exited: {HasExited}). Last output:\n{Tail()}");
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}. Last output:\n{Tail()}");
        }
    }

    /// <summary>SIGKILL: a crash with no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Sends a POSIX signal (SIGTERM, SIGSTOP, SIGCONT …) to the process.</summary>
    public void Signal(PosixSignalNumber signal) => Signal(_process.Id, signal);

    /// <summary>Sends a POSIX signal to any process, e.g. a server a fixture started.</summary>
    public static void Signal(int processId, PosixSignalNumber signal)
    {
        if (Kill(processId, (int)signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>> matched = [];
        lock (_linesLock)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    matched.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var found in matched)
        {
            found.TrySetResult(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
