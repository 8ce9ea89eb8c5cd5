using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RealtimeSales.Throughput;

/// <summary>The harness's command line.</summary>
internal sealed record HarnessOptions
{
    /// <summary>What the DevBroker stores per event (≈75-byte value, key, record overhead), rounded up.</summary>
    public const int StoredBytesPerEvent = 100;

    /// <summary>The DevBroker keeps 5 MiB per partition; the backlog of the ceiling run must fit with a margin.</summary>
    public const int PartitionBudgetBytes = 4 * 1024 * 1024;

    public const int MinPartitions = 24;

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/RealtimeSales.Throughput -- [options]

        Measures, in one run on this machine, against its own DevBroker and PostgreSQL processes:
          - parse + aggregate per event on one core, and memory per open window at 100,000 stores (in process);
          - the ceiling: a bare Kafka consumer draining a backlog of --events, events/s;
          - the aggregator with exactly-once checkpoints, producer and aggregator running together, events/s
            until every event is accounted for in PostgreSQL;
          - window-close-to-visible latency (p50, p99) at a steady rate;
          - recovery from SIGKILL of the aggregator to processing again.
        The last line is `ratio: R (aggregator X ev/s vs ceiling Y ev/s)`.
        The workers run from their Release build output, which `dotnet run -c Release` builds first.

        Options:
          --events N               events in the ceiling and aggregator runs (default 1000000)
          --partitions N           partitions of 'sales' (default: enough for --events to stay under the
                                   DevBroker's 5 MiB per partition, at least 24)
          --stores N               distinct stores (default 1000)
          --steady-rate N          events/s for the latency and recovery phases (default 20000)
          --latency-seconds N      how long to measure close-to-visible latency (default 20)
          --recoveries N           SIGKILL-and-restart rounds (default 3; 0 skips the phase)
          --checkpoint-interval N  Aggregator:CheckpointInterval in milliseconds (default 1000, as in production)
          --session-timeout N      Aggregator:SessionTimeout in milliseconds (default 6000, as in production);
                                   a crashed aggregator's partitions wait about this long for the restarted one
          --help                   show this text

        Exit codes: 0 measured, 1 a phase failed, 2 bad arguments.
        """;

    public int Events { get; init; } = 1_000_000;

    /// <summary>Partitions of <c>sales</c>; 0 until parsed, when it becomes the default for <see cref="Events"/>.</summary>
    public int Partitions { get; init; }

    public int Stores { get; init; } = 1_000;

    public int SteadyRate { get; init; } = 20_000;

    public int LatencySeconds { get; init; } = 20;

    public int Recoveries { get; init; } = 3;

    public int CheckpointIntervalMs { get; init; } = 1_000;

    public int SessionTimeoutMs { get; init; } = 6_000;

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
            error = $"--partitions {options.Partitions} is too few for --events {options.Events:N0}: at about {StoredBytesPerEvent} bytes " +
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

    private static int PartitionsFor(int events) => (int)Math.Ceiling((double)events * StoredBytesPerEvent / PartitionBudgetBytes);

    /// <summary>Accepts both <c>--events 1000</c> and <c>--events=1000</c>.</summary>
    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
