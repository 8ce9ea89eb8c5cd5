using System.Diagnostics;

namespace RealtimeSales.Producer;

/// <summary>Spaces messages evenly to hit a target rate; a rate of 0 never waits.</summary>
internal sealed class Pacer(double eventsPerSecond)
{
    private readonly long _start = Stopwatch.GetTimestamp();

    /// <summary>How long until message number <paramref name="sent"/> is due; zero or less when it is due now.</summary>
    public TimeSpan UntilTurn(long sent) => eventsPerSecond <= 0
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(sent / eventsPerSecond) - Stopwatch.GetElapsedTime(_start);
}
