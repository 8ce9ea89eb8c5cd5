using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using RealtimeSales.Contracts;

namespace RealtimeSales.DevBroker;

/// <summary>Runs the broker: mock cluster, forwarder on the fixed port, readiness check, wait for stop.</summary>
internal static class BrokerHost
{
    public const int ExitStopped = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    private static readonly TimeSpan s_readinessTimeout = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(BrokerOptions options)
    {
        using var stopSignal = new StopSignal(options.ExitOnStdinClose);
        try
        {
            using var cluster = MockCluster.Create();
            await using var forwarder = TcpForwarder.Start(new IPEndPoint(IPAddress.Loopback, options.Port), cluster.ListenEndPoint);

            // Clients learn broker addresses from metadata: send them back through the forwarder (or the proxy in front
            // of it), never to the random port.
            var advertised = new IPEndPoint(IPAddress.Loopback, options.AdvertisedPort ?? forwarder.EndPoint.Port);
            cluster.Advertise(advertised);
            cluster.CreateTopic(Topics.Sales, options.Partitions);
            cluster.SetController();

            // The default 3 s delay before the first assignment of a new group only slows development down.
            cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);

            var bootstrap = advertised.ToString();
            VerifyReady(forwarder.EndPoint.ToString(), options.Partitions);
            await Console.Error.WriteLineAsync(
                $"DevBroker: librdkafka {Library.VersionString} mock cluster at {cluster.ListenEndPoint}, forwarded from {forwarder.EndPoint}" +
                (options.AdvertisedPort is null ? "." : $", advertised as {bootstrap}."));

            // The retention figures are the mock's fixed per-partition limits (rdkafka_mock.c, librdkafka 2.16.0).
            await Console.Error.WriteLineAsync(
                $"DevBroker: topic '{Topics.Sales}' has {options.Partitions} partitions. Data lives in memory only; each partition " +
                "keeps at most 5 MiB or 100,000 message sets and silently truncates older data. Ctrl+C or SIGTERM stops it.");
            await Console.Out.WriteLineAsync($"bootstrap: {bootstrap}");
            await Console.Out.FlushAsync();

            var reason = await stopSignal.Stopped;
            await Console.Error.WriteLineAsync($"DevBroker: {reason}, stopping.");
            return ExitStopped;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            var problem = exception.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use" : "may not be used by this user";
            await Console.Error.WriteLineAsync(
                $"DevBroker: port {options.Port} on 127.0.0.1 {problem} (another DevBroker or Kafka running?). " +
                "Use --port 0 for any free port, or --port N for another one.");
            return ExitUsage;
        }
        catch (Exception exception) when (exception is KafkaException or InvalidOperationException or DllNotFoundException)
        {
            await Console.Error.WriteLineAsync($"DevBroker: failed: {exception.Message}");
            return ExitFailed;
        }
    }

    /// <summary>
    /// Asks for metadata the way every client will, through the forwarder, so "ready" means usable.
    /// A broker that does not answer in time surfaces as a <see cref="KafkaException"/> (timed out).
    /// </summary>
    private static void VerifyReady(string bootstrap, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var metadata = admin.GetMetadata(s_readinessTimeout);
        var topic = metadata.Topics.Find(t => t.Topic == Topics.Sales);
        if (topic is null || topic.Error.IsError || topic.Partitions.Count != partitions)
        {
            throw new InvalidOperationException(
                $"The broker at {bootstrap} did not report topic '{Topics.Sales}' with {partitions} partitions " +
                $"(metadata: {topic?.Partitions.Count.ToString(CultureInfo.InvariantCulture) ?? "no such topic"}, {topic?.Error.Reason}).");
        }
    }
}
