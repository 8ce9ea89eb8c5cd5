using System.Diagnostics;

namespace RealtimeSales.Testing;

/// <summary>Awaits a condition on the outside world (a database row, a process state) with a deadline.</summary>
public static class Eventually
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Checks <paramref name="condition"/> until it holds. On timeout the exception says what was awaited and
    /// adds <paramref name="describe"/>'s account of the state (progress, last log lines).
    /// </summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string> describe,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.\n{describe()}");
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }
}
