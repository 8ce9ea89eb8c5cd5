using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RealtimeSales.Testing.Postgres;

/// <summary>
/// A child process that cannot outlive the test process: started as <c>setsid setpriv --pdeathsig=SIGNAL -- program</c>,
/// so the kernel signals it when the test process dies, however it dies (SIGKILL included).
/// </summary>
/// <remarks>
/// <para>Linux sends the parent-death signal when the <em>thread</em> that forked the child ends, so the child is
/// started from a dedicated thread that waits for its exit: a thread-pool thread may retire at any moment and
/// would take the child with it.</para>
/// <para>setsid gives the child its own session: Ctrl+C in the terminal then reaches only the test process, which
/// stops the server's clients before the server. Both tools exec, so the pid we get is the program's own.</para>
/// </remarks>
internal sealed partial class SupervisedProcess
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<string, bool> _onLine;

    private SupervisedProcess(Action<string, bool> onLine) => _onLine = onLine;

    public int Id { get; private set; }

    /// <summary>Completes with the exit code once the process has exited and its output is read to the end.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>
    /// Starts a process from a dedicated thread that lives exactly as long as it does. <paramref name="start"/> must
    /// redirect stdout and stderr, and should give the program a parent-death signal (setpriv --pdeathsig).
    /// </summary>
    /// <exception cref="InvalidOperationException">The program could not be started.</exception>
    public static async Task<SupervisedProcess> StartAsync(ProcessStartInfo start, Action<string, bool> onLine)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Child processes are tied to this one with Linux's parent-death signal.");
        }

        var process = new SupervisedProcess(onLine);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() => process.Run(start, started)) { IsBackground = true, Name = "child process parent" }.Start();
        await started.Task;
        return process;
    }

    /// <summary>Sends <paramref name="signal"/>; does nothing once the process has exited.</summary>
    public void Signal(PosixSignalNumber signal)
    {
        if (!HasExited)
        {
            // Fails only when the process has just exited (ESRCH), which Exited then reports.
            _ = Kill(Id, (int)signal);
        }
    }

    private void Run(ProcessStartInfo start, TaskCompletionSource started)
    {
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data, isError: true);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            started.SetException(new InvalidOperationException($"Could not start '{start.FileName}' (util-linux's setsid and setpriv are needed): {e.Message}", e));
            return;
        }

        Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        started.SetResult();
        process.WaitForExit();
        _exited.SetResult(process.ExitCode);
    }

    private void OnOutput(string? line, bool isError)
    {
        if (line is not null)
        {
            _onLine(line, isError);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
