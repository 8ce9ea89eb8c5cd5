using System.Diagnostics;

namespace RealtimeSales.Testing.Postgres;

/// <summary>One run of the PostgreSQL server process, from start to exit.</summary>
internal sealed class Postmaster
{
    private static readonly TimeSpan s_fastShutdownTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_immediateShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly LogTail _log;
    private SupervisedProcess? _process;
    private volatile bool _portInUse;

    private Postmaster(LogTail log) => _log = log;

    /// <summary>The postmaster's process id (setpriv execs it, so it is the pid we started).</summary>
    public int Id => Process.Id;

    public bool HasExited => Process.HasExited;

    /// <summary>Whether the server said it could not bind its port: another process holds it.</summary>
    public bool PortInUse => _portInUse;

    /// <summary>Completes with the exit code when the server has exited.</summary>
    public Task<int> Exited => Process.Exited;

    private SupervisedProcess Process => _process ?? throw new InvalidOperationException("The postmaster has not been started.");

    /// <summary>
    /// Starts the server as a <see cref="SupervisedProcess"/>: from a dedicated thread that lives exactly as long as
    /// the server does, because the parent-death signal fires when the starting <em>thread</em> ends.
    /// </summary>
    public static async Task<Postmaster> StartAsync(ProcessStartInfo start, LogTail log)
    {
        var postmaster = new Postmaster(log);
        try
        {
            postmaster._process = await SupervisedProcess.StartAsync(start, postmaster.OnOutput);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message} (needed to run PostgreSQL)", e);
        }

        return postmaster;
    }

    /// <summary>
    /// Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit), escalating to an immediate
    /// shutdown (SIGQUIT) and finally SIGKILL, so that no server process outlives this call.
    /// </summary>
    public async Task StopAsync()
    {
        if (await SignalAndWaitAsync(PosixSignalNumber.Interrupt, s_fastShutdownTimeout)
            || await SignalAndWaitAsync(PosixSignalNumber.Quit, s_immediateShutdownTimeout))
        {
            return;
        }

        // Backends notice the postmaster's death and exit on their own.
        await SignalAndWaitAsync(PosixSignalNumber.Kill, Timeout.InfiniteTimeSpan);
    }

    private void OnOutput(string line, bool isError)
    {
        _log.Add(line);
        _portInUse |= line.Contains("Address already in use", StringComparison.Ordinal);
    }

    private async Task<bool> SignalAndWaitAsync(PosixSignalNumber signal, TimeSpan timeout)
    {
        Process.Signal(signal);
        try
        {
            await Exited.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
