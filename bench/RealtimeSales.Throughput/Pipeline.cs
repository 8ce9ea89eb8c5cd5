using System.Diagnostics;
using RealtimeSales.Testing;

namespace RealtimeSales.Throughput;

/// <summary>
/// The system under test, as real processes: a DevBroker of its own, the aggregator (restartable) and producers,
/// on a database of its own on the harness's PostgreSQL. Every producer sends the same mix: 2% late and
/// 1% malformed receipts, as the crash tests do, so that late and rejected rows are part of what is measured.
/// </summary>
internal sealed class Pipeline : IAsyncDisposable
{
    public const double LateFraction = 0.02;
    public const double MalformedFraction = 0.01;

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    // Detection only: the times measured come from commit timestamps, so polling gently costs no precision.
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromSeconds(3);

    private readonly HarnessOptions _options;
    private readonly DevBrokerProcess _broker;
    private readonly BenchServer _server;
    private readonly List<ChildProcess> _processes = [];
    private readonly List<ChildProcess> _producers = [];
    private int _aggregators;

    private Pipeline(HarnessOptions options, DevBrokerProcess broker, BenchServer server, BenchDatabase database)
    {
        _options = options;
        _broker = broker;
        _server = server;
        Database = database;
        // Short windows so that many close during a run of seconds; the checkpoint interval as configured.
        Settings = new AggregatorSettings
        {
            GroupId = "bench",
            WindowSize = TimeSpan.FromSeconds(2),
            WatermarkDelay = TimeSpan.FromSeconds(2),
            IdleTimeout = TimeSpan.FromSeconds(6),
            CheckpointInterval = TimeSpan.FromMilliseconds(options.CheckpointIntervalMs),
            SessionTimeout = TimeSpan.FromMilliseconds(options.SessionTimeoutMs),
        };
    }

    public BenchDatabase Database { get; }

    public string BootstrapServers => _broker.BootstrapServers;

    /// <summary>The <c>Aggregator:*</c> settings every aggregator process gets.</summary>
    public AggregatorSettings Settings { get; }

    /// <summary>The aggregator process running now.</summary>
    public ChildProcess Aggregator { get; private set; } = null!;

    /// <summary>Starts a DevBroker with the harness's partitions, and creates <paramref name="database"/>.</summary>
    public static async Task<Pipeline> StartAsync(HarnessOptions options, BenchServer server, string database, CancellationToken cancellationToken)
    {
        var created = await server.CreateDatabaseAsync(database, cancellationToken);
        var broker = await DevBrokerProcess.StartAsync(options.Partitions, cancellationToken);
        return new Pipeline(options, broker, server, created);
    }

    /// <summary>Starts an aggregator process; <see cref="Aggregator"/> becomes it.</summary>
    public ChildProcess StartAggregator()
    {
        Aggregator = Track(Workers.StartAggregator($"aggregator-{++_aggregators}", BootstrapServers, Database.ConnectionString, Settings));
        return Aggregator;
    }

    /// <summary>Waits until the running aggregator owns its partitions.</summary>
    public Task WaitForAssignmentAsync(CancellationToken cancellationToken) =>
        Aggregator.WaitForLineAsync(AggregatorLines.IsAssignment, s_startTimeout, "assigning partitions", cancellationToken);

    /// <summary>Starts a producer of the common mix; <paramref name="maxEvents"/> 0 runs until stopped.</summary>
    public ChildProcess StartProducer(long maxEvents, int eventsPerSecond)
    {
        var producer = Track(Workers.StartProducer($"producer-{_producers.Count + 1}", BootstrapServers, new ProducerSettings(
            maxEvents, eventsPerSecond, _options.Stores, LateFraction, MalformedFraction, Seed: 1000 + _producers.Count)));
        _producers.Add(producer);
        return producer;
    }

    /// <summary>Waits for a producer with a <c>MaxEvents</c> to deliver them all and exit, with progress lines.</summary>
    public async Task WaitForProducerAsync(ChildProcess producer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var probe = new TopicProbe(BootstrapServers, _options.Partitions);
        var exit = producer.WaitForExitAsync(timeout, cancellationToken);
        while (await Task.WhenAny(exit, Task.Delay(s_progressInterval, cancellationToken)) != exit)
        {
            Progress.Line($"  {probe.EndOffsets().Values.Sum():N0} events in the topic");
        }

        if (await exit != 0)
        {
            throw new InvalidOperationException($"{producer.Name} failed (exit code {producer.ExitCode}). Last output:\n{producer.Tail()}");
        }
    }

    /// <summary>Waits until the committed checkpoints cover <paramref name="events"/> messages in all, with progress lines.</summary>
    public async Task WaitForCheckpointedAsync(long events, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        while (true)
        {
            var checkpointed = (await Database.NextOffsetsAsync(cancellationToken)).Values.Sum();
            if (checkpointed >= events)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout || Aggregator.HasExited)
            {
                throw new TimeoutException(
                    $"The aggregator checkpointed {checkpointed:N0} of {events:N0} events within {timeout} (exited: {Aggregator.HasExited}). " +
                    $"Last output:\n{Aggregator.Tail()}");
            }

            if (Stopwatch.GetElapsedTime(lastReport) >= s_progressInterval)
            {
                Progress.Line($"  checkpointed {checkpointed:N0} of {events:N0} events");
                lastReport = Stopwatch.GetTimestamp();
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Checks that the database accounts for the whole topic: every partition checkpointed to its end, and
    /// closed windows + open windows + late + rejected adding up to every event.
    /// </summary>
    public async Task<EventAccount> VerifyAccountedAsync(CancellationToken cancellationToken)
    {
        using var probe = new TopicProbe(BootstrapServers, _options.Partitions);
        var end = probe.EndOffsets();
        var checkpointed = await Database.NextOffsetsAsync(cancellationToken);
        var behind = end.Where(partition => checkpointed.GetValueOrDefault(partition.Key) != partition.Value).ToList();
        var account = await Database.AccountAsync(cancellationToken);
        var events = end.Values.Sum();
        if (behind.Count > 0 || account.Total != events)
        {
            throw new InvalidOperationException(
                $"The database does not account for every event: {account.Total:N0} of {events:N0} " +
                $"({account.InClosedWindows:N0} in closed windows, {account.InOpenWindows:N0} in open ones, {account.Late:N0} late, " +
                $"{account.Rejected:N0} rejected); partitions not at their end: " +
                string.Join(", ", behind.Select(p => $"{p.Key}: {checkpointed.GetValueOrDefault(p.Key)}/{p.Value}")));
        }

        return account;
    }

    /// <summary>A CPU meter over this pipeline's processes, PostgreSQL and the harness itself.</summary>
    public CpuMeter MeasureCpu() => new(
    [
        ("aggregator", () => Alive([Aggregator])),
        ("producer", () => Alive(_producers)),
        ("DevBroker", () => [_broker.ProcessId]),
        ("PostgreSQL", () => CpuMeter.WithChildren(_server.ProcessId)),
        ("harness", () => [Environment.ProcessId]),
    ]);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await _broker.DisposeAsync();
    }

    private static IEnumerable<int> Alive(IEnumerable<ChildProcess?> processes) =>
        processes.Where(p => p is { HasExited: false }).Select(p => p!.Id);

    private ChildProcess Track(ChildProcess process)
    {
        _processes.Add(process);
        return process;
    }
}
