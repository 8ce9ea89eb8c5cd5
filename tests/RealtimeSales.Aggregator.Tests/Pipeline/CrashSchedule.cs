using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>
/// SIGKILLs aggregators at random moments while traffic flows, restarting each, and keeps the seed so that a
/// failure can be replayed: the crash moment is what is random (right after assignment, mid catch-up, mid checkpoint).
/// </summary>
internal sealed class CrashSchedule(int seed, TimeSpan startTimeout) : IAsyncDisposable
{
    private readonly Random _random = new(seed);
    private readonly List<ChildProcess> _killed = [];

    public int Seed { get; } = seed;

    /// <summary>A new schedule with a fresh seed.</summary>
    public static CrashSchedule Random(TimeSpan startTimeout) => new(Environment.TickCount, startTimeout);

    /// <summary>
    /// Starts an aggregator, then <paramref name="kills"/> times waits for its assignment, kills it after a random delay
    /// and starts the next; returns the last one, still running. <paramref name="producing"/> must hold at every kill,
    /// so that each crash lands in live traffic rather than after it.
    /// </summary>
    public async Task<ChildProcess> RunAsync(Func<int, ChildProcess> startAggregator, int kills, Func<bool> producing,
        CancellationToken cancellationToken)
    {
        var aggregator = startAggregator(1);
        for (var kill = 1; kill <= kills; kill++)
        {
            await aggregator.WaitForLineAsync(AggregatorLines.IsAssignment, startTimeout, "assigning partitions", cancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(0, 2500)), cancellationToken);
            Assert.True(producing(), $"{Describe()}: traffic had stopped before kill {kill}; the crash would not land in live traffic");
            aggregator.Kill();
            await aggregator.WaitForExitAsync(startTimeout, cancellationToken);
            _killed.Add(aggregator);
            aggregator = startAggregator(kill + 1);
        }

        return aggregator;
    }

    /// <summary>For failure messages: how to replay this schedule.</summary>
    public string Describe() => $"crash schedule seed {Seed}";

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _killed)
        {
            await process.DisposeAsync();
        }
    }
}
