using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace RealtimeSales.DevBroker;

/// <summary>The DevBroker's command line.</summary>
/// <param name="Port">Where the broker listens on 127.0.0.1; 0 = any free port.</param>
/// <param name="AdvertisedPort">The port clients are told to connect to; null = <paramref name="Port"/>'s.</param>
/// <param name="Partitions">Partitions of the topic <c>sales</c>.</param>
/// <param name="ExitOnStdinClose">Exit when stdin closes.</param>
/// <param name="ShowHelp">Print the usage and exit.</param>
internal sealed record BrokerOptions(int Port, int? AdvertisedPort, int Partitions, bool ExitOnStdinClose, bool ShowHelp)
{
    public const int DefaultPort = 9092;
    public const int DefaultPartitions = 6;

    // A sanity bound, not a mock limit: each partition may hold up to 5 MiB in memory.
    public const int MaxPartitions = 10_000;

    public const string Usage = """
        Usage: RealtimeSales.DevBroker [--port N] [--advertised-port N] [--partitions N] [--exit-on-stdin-close]

        Runs an in-memory Kafka-protocol broker (librdkafka's mock cluster) for development and tests,
        creates the topic 'sales' and prints one line on stdout when it is ready:
          bootstrap: 127.0.0.1:PORT
        All other output goes to stderr. Stops cleanly on Ctrl+C or SIGTERM. Data lives in memory only.

        Options:
          --port N               loopback port to listen on (default 9092; 0 = any free port)
          --advertised-port N    port the broker tells clients to connect to, when a proxy in front of it
                                 (Aspire's) listens there and forwards to --port (default: the listening port)
          --partitions N         partitions of the topic 'sales' (default 6, at least 1)
          --exit-on-stdin-close  exit when stdin reaches end of file, so that a parent process
                                 that dies (and with it the pipe) takes the broker with it
          --help                 show this text

        Exit codes: 0 stopped cleanly, 1 failed while running, 2 bad arguments or port in use.
        """;

    public static bool TryParse(
        IReadOnlyList<string> args,
        [NotNullWhen(true)] out BrokerOptions? options,
        [NotNullWhen(false)] out string? error)
    {
        options = null;
        var port = DefaultPort;
        int? advertisedPort = null;
        var partitions = DefaultPartitions;
        var exitOnStdinClose = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "--help" or "-h" or "-?" when inlineValue is null:
                    options = new BrokerOptions(port, advertisedPort, partitions, exitOnStdinClose, ShowHelp: true);
                    error = null;
                    return true;
                case "--exit-on-stdin-close" when inlineValue is null:
                    exitOnStdinClose = true;
                    break;
                case "--port":
                    if (!TryReadInt(args, ref i, name, inlineValue, IPEndPoint.MinPort, IPEndPoint.MaxPort, out port, out error))
                    {
                        return false;
                    }

                    break;
                case "--advertised-port":
                    if (!TryReadInt(args, ref i, name, inlineValue, IPEndPoint.MinPort + 1, IPEndPoint.MaxPort, out var advertised, out error))
                    {
                        return false;
                    }

                    advertisedPort = advertised;
                    break;
                case "--partitions":
                    if (!TryReadInt(args, ref i, name, inlineValue, 1, MaxPartitions, out partitions, out error))
                    {
                        return false;
                    }

                    break;
                default:
                    error = $"Unknown argument '{args[i]}'.";
                    return false;
            }
        }

        options = new BrokerOptions(port, advertisedPort, partitions, exitOnStdinClose, ShowHelp: false);
        error = null;
        return true;
    }

    /// <summary>Accepts both <c>--port 9092</c> and <c>--port=9092</c>.</summary>
    private static (string Name, string? InlineValue) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static bool TryReadInt(
        IReadOnlyList<string> args,
        ref int index,
        string name,
        string? inlineValue,
        int min,
        int max,
        out int value,
        [NotNullWhen(false)] out string? error)
    {
        value = 0;
        var text = inlineValue;
        if (text is null)
        {
            if (index + 1 >= args.Count)
            {
                error = $"Argument {name} needs a value: an integer from {min} to {max}.";
                return false;
            }

            text = args[++index];
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            error = $"Argument {name} must be an integer from {min} to {max}, not '{text}'.";
            return false;
        }

        error = null;
        return true;
    }
}
