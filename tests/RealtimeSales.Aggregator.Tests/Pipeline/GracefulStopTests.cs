using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>
/// SIGTERM is a clean stop: the aggregator checkpoints what it consumed, leaves the group and exits 0, however the
/// stop falls. A checkpoint is due at nearly every poll here, so stops land in the middle of checkpoints too.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class GracefulStopTests(PostgresFixture postgres)
{
    private const int Rounds = 5;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_settleTimeout = TimeSpan.FromSeconds(180);
    private static readonly AggregatorSettings s_settings = new() { CheckpointInterval = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public async Task EveryStopCommitsAFinalCheckpointAndExitsZeroAndTheCountStaysExact()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateDatabaseAsync(cancellationToken);
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 0, EventsPerSecond: 3_000, Stores: 30, LateFraction: 0.02, MalformedFraction: 0.01, Seed: 11));

        for (var round = 1; round <= Rounds; round++)
        {
            await using var aggregator = Workers.StartAggregator($"aggregator-{round}", broker.BootstrapServers, database, s_settings);
            await aggregator.WaitForLineAsync(AggregatorLines.IsAssignment, s_timeout, "assigning partitions", cancellationToken);
            var before = (await SalesTables.ProgressAsync(database, "sales", cancellationToken)).NextOffsets.Values.Sum();
            await Eventually.WaitUntilAsync(
                async () => (await SalesTables.ProgressAsync(database, "sales", cancellationToken)).NextOffsets.Values.Sum() > before,
                s_timeout, "a checkpoint of this aggregator", () => aggregator.Tail(), cancellationToken);

            aggregator.Signal(PosixSignalNumber.Terminate);

            Assert.Equal(0, await aggregator.WaitForExitAsync(s_timeout, cancellationToken));
            Assert.Contains(aggregator.Lines, line => line.Contains(AggregatorLines.StoppedAfterFinalCheckpoint, StringComparison.Ordinal));
        }

        // Traffic ran through every stop; end it (the producer flushes and exits 0), then count.
        producer.Signal(PosixSignalNumber.Terminate);
        Assert.True(await producer.WaitForExitAsync(s_timeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());
        await using var last = Workers.StartAggregator("aggregator-last", broker.BootstrapServers, database, s_settings);
        var report = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, s_settings, ProducerLines.Tally(producer.Lines),
            s_settleTimeout, () => last.Tail(), cancellationToken);

        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(report.MessagesInTopic, report.Actual.EventCount);
        Assert.True(report.MessagesInTopic > 10_000, $"only {report.MessagesInTopic} messages were produced");
    }
}
