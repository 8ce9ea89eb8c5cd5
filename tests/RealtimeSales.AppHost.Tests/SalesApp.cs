using System.Globalization;
using RealtimeSales.Hosting;
using RealtimeSales.Hosting.Testing;
using RealtimeSales.Oracle;
using RealtimeSales.Testing;

namespace RealtimeSales.AppHost.Tests;

/// <summary>Starts the AppHost's application for a test: short windows, a producer that finishes, and the test's own overrides.</summary>
internal static class SalesApp
{
    /// <summary>W = 2 s, D = 2 s, idle timeout 4 s, a checkpoint every 0.5 s.</summary>
    public static readonly AggregatorSettings Aggregator = new();

    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The AppHost's command line for short windows and this producer, followed by <paramref name="extra"/>.</summary>
    public static string[] Arguments(ProducerSettings producer, params string[] extra) =>
    [
        $"--Aggregator:WindowSize={Invariant(Aggregator.WindowSize)}",
        $"--Aggregator:WatermarkDelay={Invariant(Aggregator.WatermarkDelay)}",
        $"--Aggregator:IdleTimeout={Invariant(Aggregator.IdleTimeout)}",
        $"--Aggregator:CheckpointInterval={Invariant(Aggregator.CheckpointInterval)}",
        $"--Producer:MaxEvents={Invariant(producer.MaxEvents)}",
        $"--Producer:EventsPerSecond={Invariant(producer.EventsPerSecond)}",
        $"--Producer:Stores={Invariant(producer.Stores)}",
        $"--Producer:LateFraction={Invariant(producer.LateFraction)}",
        $"--Producer:MalformedFraction={Invariant(producer.MalformedFraction)}",
        .. producer.Seed is { } seed ? [$"--Producer:Seed={Invariant(seed)}"] : Array.Empty<string>(),
        .. extra,
    ];

    /// <summary>Builds the AppHost's application with <paramref name="args"/> (and <paramref name="configure"/>'s changes) and starts it.</summary>
    public static async Task<DistributedApplication> StartAsync(string[] args, CancellationToken cancellationToken,
        Action<IDistributedApplicationTestingBuilder>? configure = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RealtimeSales_AppHost>(args, cancellationToken);
        try
        {
            configure?.Invoke(builder);
            var app = await builder.BuildAsync(cancellationToken);
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await builder.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits for the producer to finish and the aggregator to be healthy (it has created the schema by then), then
    /// compares the database with an independent recount of the topic.
    /// </summary>
    public static async Task<ExactlyOnceReport> CheckExactlyOnceAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        await app.WaitForResourceAsync("producer", Hosting.ApplicationModel.ResourceState.Finished, SettleTimeout, cancellationToken);
        await app.WaitForResourceHealthyAsync("aggregator", cancellationToken: cancellationToken);
        return await ExactlyOnce.CheckAsync(
            await app.GetConnectionStringAsync("kafka", cancellationToken: cancellationToken),
            await app.GetConnectionStringAsync("salesdb", cancellationToken: cancellationToken),
            Aggregator, ProducerLines.Tally(app.GetResourceLogs("producer")), SettleTimeout, () => app.Describe("aggregator"), cancellationToken);
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
