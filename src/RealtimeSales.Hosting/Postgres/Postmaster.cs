using System.Diagnostics;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>One run of the PostgreSQL server process, from start to exit.</summary>
internal sealed class Postmaster
{
    private static readonly TimeSpan s_fastShutdownTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_immediateShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly LogTail _log;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _portInUse;

    private Postmaster(LogTail log) => _log = log;

    /// <summary>The postmaster's process id (setpriv execs it, so it is the pid we started).</summary>
    public int Id { get; private set; }

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Whether the server said it could not bind its port: another process holds it.</summary>
    public bool PortInUse => _portInUse;

    /// <summary>Completes with the exit code when the server has exited.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>
    /// Starts the server from a dedicated thread that lives exactly as long as the server does. The server is
    /// started with a parent-death signal, which Linux sends when the starting <em>thread</em> ends: a
    /// thread-pool thread may retire at any moment and would take the server with it.
    /// </summary>
    public static async Task<Postmaster> StartAsync(ProcessStartInfo start, LogTail log)
    {
        var postmaster = new Postmaster(log);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() => postmaster.Run(start, started)) { IsBackground = true, Name = "postgres parent" }.Start();
        await started.Task;
        return postmaster;
    }

    /// <summary>
    /// Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit), escalating to an immediate
    /// shutdown (SIGQUIT) and finally SIGKILL, so that no server process outlives this call.
    /// </summary>
    public async Task StopAsync()
    {
        if (await SignalAndWaitAsync(NativeMethods.SigInt, s_fastShutdownTimeout)
            || await SignalAndWaitAsync(NativeMethods.SigQuit, s_immediateShutdownTimeout))
        {
            return;
        }

        // Backends notice the postmaster's death and exit on their own.
        await SignalAndWaitAsync(NativeMethods.SigKill, Timeout.InfiniteTimeSpan);
    }

    private void Run(ProcessStartInfo start, TaskCompletionSource started)
    {
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += OnOutput;
        process.ErrorDataReceived += OnOutput;
        try
        {
            process.Start();
        }
        catch (Exception e)
        {
            started.SetException(new InvalidOperationException(
                $"Could not start '{start.FileName}' (util-linux setpriv is needed to run PostgreSQL): {e.Message}", e));
            return;
        }

        Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        started.SetResult();
        process.WaitForExit();
        _exited.SetResult(process.ExitCode);
    }

    private void OnOutput(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is { } line)
        {
            _log.Add(line);
            _portInUse |= line.Contains("Address already in use", StringComparison.Ordinal);
        }
    }

    private async Task<bool> SignalAndWaitAsync(int signal, TimeSpan timeout)
    {
        if (!HasExited)
        {
            // Fails only when the process has just exited (ESRCH), which the wait below observes.
            _ = NativeMethods.Kill(Id, signal);
        }

        try
        {
            await _exited.Task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
