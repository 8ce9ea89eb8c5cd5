using System.ComponentModel;
using System.Diagnostics;

namespace RealtimeSales.Hosting.Processes;

/// <summary>
/// A child process that cannot outlive the AppHost: started as <c>setsid setpriv --pdeathsig=SIGNAL -- program</c>,
/// so the kernel signals it when the AppHost dies, however it dies (SIGKILL included).
/// </summary>
/// <remarks>
/// <para>Linux sends the parent-death signal when the <em>thread</em> that forked the child ends, so the child is
/// started from a dedicated thread that waits for its exit: a thread-pool thread may retire at any moment and
/// would take the child with it.</para>
/// <para>setsid gives the child its own session: Ctrl+C in the terminal then reaches only the AppHost, which stops
/// dependents before what they depend on, instead of every process at once. Both tools exec, so the pid we get
/// is the program's own.</para>
/// </remarks>
internal sealed class SupervisedProcess
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<string, bool> _onLine;

    private SupervisedProcess(Action<string, bool> onLine) => _onLine = onLine;

    public int Id { get; private set; }

    /// <summary>Completes with the exit code once the process has exited and its output is read to the end.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>
    /// Starts <paramref name="program"/> as <c>setsid setpriv --pdeathsig=KILL -- program arguments</c>;
    /// <paramref name="onLine"/> gets each output line and whether it came from stderr.
    /// </summary>
    /// <exception cref="InvalidOperationException">The program could not be started.</exception>
    public static Task<SupervisedProcess> StartAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment, string workingDirectory, Action<string, bool> onLine)
    {
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Held open and never written: the DevBroker exits when it closes, i.e. when we are gone.
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in (string[])["setpriv", "--pdeathsig=KILL", "--", program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return StartAsync(start, onLine);
    }

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
    public void Signal(int signal)
    {
        if (!HasExited)
        {
            // Fails only when the process has just exited (ESRCH), which Exited then reports.
            _ = NativeMethods.Kill(Id, signal);
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        Signal(NativeMethods.SigTerm);
        try
        {
            return await Exited.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            Signal(NativeMethods.SigKill);
            return await Exited;
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
}
