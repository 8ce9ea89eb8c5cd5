using System.Diagnostics;

namespace RealtimeSales.Producer;

/// <summary>Spaces messages evenly to hit a target rate; a rate of 0 never waits.</summary>
internal sealed class Pacer(double eventsPerSecond)
{
    private readonly long _start = Stopwatch.GetTimestamp();

    /// <summary>Waits until message number <paramref name="sent"/> is due. Returns false when cancelled.</summary>
    public bool WaitForTurn(long sent, CancellationToken cancellationToken)
    {
        if (eventsPerSecond <= 0)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        var due = TimeSpan.FromSeconds(sent / eventsPerSecond);
        var wait = due - Stopwatch.GetElapsedTime(_start);
        // Pacing, not synchronisation: the wait is the rate itself, and cancellation ends it at once.
        return wait <= TimeSpan.FromMilliseconds(1)
            ? !cancellationToken.IsCancellationRequested
            : !cancellationToken.WaitHandle.WaitOne(wait);
    }
}
