using System.Diagnostics;
using RealtimeSales.Oracle;
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

    /// <summary>Names of the process groups in <see cref="MeasureCpu"/>.</summary>
    public const string AggregatorCpu = "aggregator";
    public const string ProducerCpu = "producer";
    public const string HarnessCpu = "harness";

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
            GroupId = database.Name,
            WindowSize = TimeSpan.FromSeconds(2),
            WatermarkDelay = TimeSpan.FromSeconds(2),
            IdleTimeout = TimeSpan.FromSeconds(6),
            CheckpointInterval = TimeSpan.FromMilliseconds(options.CheckpointIntervalMs),
            SessionTimeout = TimeSpan.FromMilliseconds(options.SessionTimeoutMs),
        };
    }

    /// <summary>The database the aggregator writes to (a new one after <see cref="UseNewDatabaseAsync"/>).</summary>
    public BenchDatabase Database { get; private set; }

    public string BootstrapServers => _broker.BootstrapServers;

    /// <summary>The <c>Aggregator:*</c> settings every aggregator process gets.</summary>
    public AggregatorSettings Settings { get; private set; }

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

    /// <summary>
    /// Points the next aggregator at a new, empty database and a consumer group of the same name, so that it reads
    /// the topic from its start again, as the first one did.
    /// </summary>
    public async Task UseNewDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        Database = await _server.CreateDatabaseAsync(name, cancellationToken);
        Settings = Settings with { GroupId = name };
    }

    /// <summary>Stops the running aggregator with SIGTERM and waits for it to exit cleanly.</summary>
    public async Task StopAggregatorAsync(CancellationToken cancellationToken)
    {
        Aggregator.Signal(PosixSignalNumber.Terminate);
        if (await Aggregator.WaitForExitAsync(s_startTimeout, cancellationToken) != 0)
        {
            throw new InvalidOperationException($"{Aggregator.Name} exited with {Aggregator.ExitCode} on SIGTERM. Last output:\n{Aggregator.Tail()}");
        }
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

    /// <summary>
    /// Waits until the committed checkpoints cover <paramref name="events"/> messages in all, with progress lines;
    /// returns the commit time of the checkpoint that got them there.
    /// </summary>
    public async Task<DateTime> WaitForCheckpointedAsync(long events, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        while (true)
        {
            // Once a drain has reached the end nothing changes for the idle timeout (6 s), far longer than a poll:
            // the last commit read here is the one that reached the end.
            var (checkpointed, committed) = await Database.CheckpointedAsync(cancellationToken);
            if (checkpointed >= events)
            {
                return committed!.Value;
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

    /// <summary>What the producers of this pipeline say they sent, from their last log lines (all must have finished).</summary>
    public ProducerTally ProducedSoFar() =>
        _producers.Aggregate(ProducerTally.None, (tally, producer) => tally + ProducerLines.Tally(producer.Lines));

    /// <summary>A CPU meter over this pipeline's processes, PostgreSQL and the harness itself.</summary>
    public CpuMeter MeasureCpu() => new(
    [
        (AggregatorCpu, () => Alive([Aggregator])),
        (ProducerCpu, () => Alive(_producers)),
        ("DevBroker", () => [_broker.ProcessId]),
        ("PostgreSQL", () => CpuMeter.WithChildren(_server.ProcessId)),
        (HarnessCpu, () => [Environment.ProcessId]),
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
