using System.Globalization;

namespace RealtimeSales.Testing;

/// <summary>Starts the producer and the aggregator as real processes from their build output, configured through the environment as an orchestrator would.</summary>
public static class Workers
{
    public static ChildProcess StartProducer(string name, string bootstrapServers, ProducerSettings settings) =>
        ChildProcess.StartDotnet(name, BuiltProject.Dll("RealtimeSales.Producer"), [], new Dictionary<string, string>
        {
            ["ConnectionStrings__kafka"] = bootstrapServers,
            ["Producer__Stores"] = Invariant(settings.Stores),
            ["Producer__EventsPerSecond"] = Invariant(settings.EventsPerSecond),
            ["Producer__MaxEvents"] = Invariant(settings.MaxEvents),
            ["Producer__LateFraction"] = Invariant(settings.LateFraction),
            ["Producer__MalformedFraction"] = Invariant(settings.MalformedFraction),
            ["Producer__Seed"] = settings.Seed is { } seed ? Invariant(seed) : "",
        });

    /// <param name="name">Name in messages and output prefixes.</param>
    /// <param name="bootstrapServers">Kafka.</param>
    /// <param name="connectionString">The sales database.</param>
    /// <param name="settings">The <c>Aggregator:*</c> settings.</param>
    /// <param name="crashAt">A test-only crash point, e.g. <c>after-commit:3</c> (REALTIMESALES_CRASH_AT).</param>
    public static ChildProcess StartAggregator(string name, string bootstrapServers, string connectionString, AggregatorSettings settings,
        string? crashAt = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__kafka"] = bootstrapServers,
            ["ConnectionStrings__salesdb"] = connectionString,
            ["Aggregator__GroupId"] = settings.GroupId,
            ["Aggregator__WindowSize"] = Invariant(settings.WindowSize),
            ["Aggregator__WatermarkDelay"] = Invariant(settings.WatermarkDelay),
            ["Aggregator__IdleTimeout"] = Invariant(settings.IdleTimeout),
            ["Aggregator__CheckpointInterval"] = Invariant(settings.CheckpointInterval),
        };
        if (crashAt is not null)
        {
            environment["REALTIMESALES_CRASH_AT"] = crashAt;
        }

        if (settings.SessionTimeout is { } sessionTimeout)
        {
            environment["Aggregator__SessionTimeout"] = Invariant(sessionTimeout);
        }

        return ChildProcess.StartDotnet(name, BuiltProject.Dll("RealtimeSales.Aggregator"), [], environment);
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
