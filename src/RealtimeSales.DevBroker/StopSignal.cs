using System.Runtime.InteropServices;

namespace RealtimeSales.DevBroker;

/// <summary>
/// Completes when the process is asked to stop: Ctrl+C (SIGINT), SIGTERM, or, when asked for, end of
/// file on stdin. Signals are taken over so that the broker shuts down in order and exits with 0.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly TaskCompletionSource<string> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignal(bool watchStdin)
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        if (watchStdin)
        {
            // A blocking read on its own background thread: stdin has no truly asynchronous read on Unix,
            // and this thread must not keep the process alive once the broker has stopped.
            new Thread(WatchStdin) { IsBackground = true, Name = "DevBroker stdin watcher" }.Start();
        }
    }

    /// <summary>Completes with the reason for stopping.</summary>
    public Task<string> Stopped => _stopped.Task;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _stopped.TrySetResult(context.Signal == PosixSignal.SIGINT ? "Ctrl+C" : "SIGTERM");
    }

    private void WatchStdin()
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (stdin.Read(buffer) > 0)
        {
            // Input is meaningless to the broker; only its end matters.
        }

        _stopped.TrySetResult("stdin closed");
    }
}
