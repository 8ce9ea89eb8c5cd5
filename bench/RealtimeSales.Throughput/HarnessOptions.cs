using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RealtimeSales.Throughput;

/// <summary>The harness's command line.</summary>
internal sealed record HarnessOptions
{
    /// <summary>What the DevBroker stores per event (≈75-byte value, key, record overhead), rounded up.</summary>
    public const int StoredBytesPerEvent = 100;

    /// <summary>
    /// The DevBroker keeps 5 MiB per partition, and the fullest partition must fit: murmur2 puts up to 1.4 times the mean
    /// on one partition with 1,000 stores (47,806 of 1,000,000 events on one of 29 measured), so half of it per partition
    /// on average.
    /// </summary>
    public const int PartitionBudgetBytes = 5 * 1024 * 1024 / 2;

    public const int MinPartitions = 24;

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/RealtimeSales.Throughput -- [options]

        Measures, in one run on this machine, against its own DevBroker and PostgreSQL processes, the real producer
        and aggregator processes (2 s windows, 2 s watermark delay, 6 s idle timeout, 2% late and 1% malformed
        receipts), with the CPU per event of the process doing the work beside every rate:
          - parse + aggregate per event on one core (in a child process with the runtime's default JIT settings),
            and memory per open window at 100,000 stores (in process);
          - a backlog of --events written by the producer alone (its rate and CPU per event), then read back by the
            harness to count it;
          - --rounds interleaved rounds (after one warm-up round that does not count), each:
              ceiling (a): a bare consumer with the aggregator's own client settings, Confluent's Consume loop,
                handed every key and value as a span, counting messages and doing nothing else;
              ceiling (b): the same consumer read through the aggregator's own batch path (rd_kafka_consume_batch_queue,
                messages read in place; Consuming/MessageBatch in the aggregator), counting messages only;
              which of the two goes first alternates from round to round;
              then a new, cold aggregator with exactly-once checkpoints, on a new empty database, drains the same
              backlog, from owning its partitions to the commit of the checkpoint that reaches the end;
            the median of each over the rounds is reported;
          - the aggregator (warm) and the producer running at once on the same machine, --events more, as a row of
            its own against the same ceiling, with checkpoint lag and partition ownership changes (rebalances)
            sampled throughout;
          - window-close-to-visible latency (p50, p99) at --steady-rate and at full load;
          - recovery from SIGKILL of the aggregator to processing again, --recoveries rounds, median and worst;
          - what the harness itself costs in CPU while the aggregator works (it polls PostgreSQL, samples /proc and,
            under full load, the topic's end offsets, and shares the two cores with what it measures).
        Before any rate counts, the database must account for every event of the topic, row for row: the last
        windows are left to close by the idle rule, then the tables are judged by the independent oracle
        (tests/RealtimeSales.Oracle) against the harness's own read of the topic and the producers' tallies:
        every window per store and window start (revenue and count), every late and rejected event per partition
        and offset, every partition checkpointed to its end. If that fails the run stops with exit code 1.

        The last line is `ratio: R (aggregator X ev/s vs ceiling Y ev/s)`: X is the median of the aggregator-alone
        drains, Y the FASTER of the two ceilings' medians (the table says which), R = X / Y. Rows that miss a target
        of issue 12 say MISSED, and each missed target is listed on a line of its own just before the ratio.
        The workers run from their Release build output, which `dotnet run -c Release` builds first.

        Options:
          --events N               events in the backlog and in the aggregator + producer run (default 1000000)
          --rounds N               interleaved ceiling / aggregator drain rounds (default 3, at least 3)
          --partitions N           partitions of 'sales' (default: enough for --events plus the warm-up to stay under
                                   the DevBroker's 5 MiB per partition, at least 24)
          --stores N               distinct stores (default 1000)
          --steady-rate N          events/s for the latency and recovery phases (default 20000)
          --latency-seconds N      how long to measure close-to-visible latency (default 20)
          --recoveries N           SIGKILL-and-restart rounds (default 5; 0 skips the phase)
          --checkpoint-interval N  Aggregator:CheckpointInterval in milliseconds (default 1000, as in production)
          --session-timeout N      Aggregator:SessionTimeout in milliseconds (default 1500, what the AppHost gives the
                                   aggregator on its own DevBroker; a Kafka broker needs 6000 or more); a crashed
                                   aggregator's partitions wait about this long for the restarted one
          --help                   show this text

        Exit codes: 0 measured, every event accounted for, every target met; 1 a phase failed or the database did not
        account for every event (no number of that run counts); 2 bad arguments; 3 measured and accounted for, but
        at least one target MISSED (every number is printed; on a shared or slow machine that is expected, and the
        table says which). A MISSED target therefore changes the exit code from 0 to 3, never to 1.
        """;

    public int Events { get; init; } = 1_000_000;

    /// <summary>Partitions of <c>sales</c>; 0 until parsed, when it becomes the default for <see cref="Events"/>.</summary>
    public int Partitions { get; init; }

    public int Stores { get; init; } = 1_000;

    public int SteadyRate { get; init; } = 20_000;

    public int LatencySeconds { get; init; } = 20;

    public int Recoveries { get; init; } = 5;

    public int Rounds { get; init; } = 3;

    public int CheckpointIntervalMs { get; init; } = 1_000;

    public int SessionTimeoutMs { get; init; } = 1_500;

    public bool ShowHelp { get; init; }

    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out HarnessOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = new HarnessOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = Split(args[i]);
            if (name is "--help" or "-h" or "-?")
            {
                options = options with { ShowHelp = true };
                error = null;
                return true;
            }

            (int Min, int Max, Func<HarnessOptions, int, HarnessOptions> Set)? rule = name switch
            {
                "--events" => (10_000, 50_000_000, (o, v) => o with { Events = v }),
                "--rounds" => (3, 20, (o, v) => o with { Rounds = v }),
                "--partitions" => (1, 1_000, (o, v) => o with { Partitions = v }),
                "--stores" => (1, 1_000_000, (o, v) => o with { Stores = v }),
                "--steady-rate" => (100, 1_000_000, (o, v) => o with { SteadyRate = v }),
                "--latency-seconds" => (5, 3_600, (o, v) => o with { LatencySeconds = v }),
                "--recoveries" => (0, 100, (o, v) => o with { Recoveries = v }),
                "--checkpoint-interval" => (10, 60_000, (o, v) => o with { CheckpointIntervalMs = v }),
                "--session-timeout" => (1_000, 1_800_000, (o, v) => o with { SessionTimeoutMs = v }),
                _ => null,
            };
            if (rule is not { } option)
            {
                error = $"Unknown argument '{args[i]}'. Run with --help for the options.";
                options = null;
                return false;
            }

            value ??= i + 1 < args.Count ? args[++i] : null;
            if (!int.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number)
                || number < option.Min || number > option.Max)
            {
                error = $"{name} must be a whole number from {option.Min:N0} to {option.Max:N0}, not '{value ?? "(missing)"}'.";
                options = null;
                return false;
            }

            options = option.Set(options, number);
        }

        var needed = PartitionsFor(options.Events);
        if (options.Partitions != 0 && options.Partitions < needed)
        {
            error = $"--partitions {options.Partitions} is too few for --events {options.Events:N0} (plus the warm-up of " +
                $"{AggregatorThroughput.WarmUpEvents:N0}): at about {StoredBytesPerEvent} bytes " +
                $"per event the backlog needs at least {needed} partitions to stay under the DevBroker's retention of 5 MiB per " +
                "partition (DESIGN.md), or older events would be truncated before they are read.";
            options = null;
            return false;
        }

        if (options.Partitions == 0)
        {
            options = options with { Partitions = Math.Max(MinPartitions, needed) };
        }

        error = null;
        return true;
    }

    /// <summary>The aggregator + producer run's topic holds the warm-up as well as <paramref name="events"/>.</summary>
    private static int PartitionsFor(int events) =>
        (int)Math.Ceiling((double)(events + AggregatorThroughput.WarmUpEvents) * StoredBytesPerEvent / PartitionBudgetBytes);

    /// <summary>Accepts both <c>--events 1000</c> and <c>--events=1000</c>.</summary>
    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
