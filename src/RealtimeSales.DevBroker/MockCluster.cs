using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace RealtimeSales.DevBroker;

/// <summary>
/// A librdkafka mock cluster: an in-memory, Kafka-protocol broker listening on a random loopback port.
/// Owns the <c>rd_kafka_t</c> handle the mock needs for its bookkeeping and destroys both in order.
/// </summary>
internal sealed class MockCluster : IDisposable
{
    /// <summary>Broker ids start at 1 (rdkafka_mock.h).</summary>
    public const int BrokerId = 1;

    private const int ErrorBufferSize = 512;

    private nint _kafka;
    private nint _cluster;

    private MockCluster(nint kafka, nint cluster, IPEndPoint listenEndPoint)
    {
        _kafka = kafka;
        _cluster = cluster;
        ListenEndPoint = listenEndPoint;
    }

    /// <summary>Where the single mock broker really listens (a random port chosen by the kernel).</summary>
    public IPEndPoint ListenEndPoint { get; }

    /// <summary>Creates a cluster with one broker.</summary>
    public static MockCluster Create()
    {
        LibrdkafkaLoader.Load();
        var kafka = CreateKafkaHandle();
        var cluster = MockClusterNative.ClusterNew(kafka, 1);
        if (cluster == 0)
        {
            MockClusterNative.KafkaDestroy(kafka);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed (see the librdkafka log above).");
        }

        var bootstraps = Marshal.PtrToStringUTF8(MockClusterNative.ClusterBootstraps(cluster)) ?? string.Empty;
        if (!IPEndPoint.TryParse(bootstraps, out var listenEndPoint))
        {
            MockClusterNative.ClusterDestroy(cluster);
            MockClusterNative.KafkaDestroy(kafka);
            throw new InvalidOperationException($"Unexpected mock cluster bootstrap list '{bootstraps}'.");
        }

        return new MockCluster(kafka, cluster, listenEndPoint);
    }

    public void CreateTopic(string topic, int partitions)
    {
        var error = (ErrorCode)MockClusterNative.TopicCreate(ClusterHandle, topic, partitions, 1);
        if (error != ErrorCode.NoError)
        {
            throw new KafkaException(new Error(error, $"Creating topic '{topic}' on the mock cluster failed: {new Error(error).Reason}"));
        }
    }

    /// <summary>Makes the broker tell clients to connect to <paramref name="endPoint"/> instead of its own port.</summary>
    public void Advertise(IPEndPoint endPoint) =>
        MockClusterNative.BrokerSetHostPort(ClusterHandle, BrokerId, endPoint.Address.ToString(), endPoint.Port);

    /// <summary>Without a controller in metadata, DescribeCluster fails.</summary>
    public void SetController() => MockClusterNative.SetControllerId(ClusterHandle, BrokerId);

    public void SetGroupInitialRebalanceDelay(TimeSpan delay) =>
        MockClusterNative.GroupInitialRebalanceDelayMs(ClusterHandle, (int)delay.TotalMilliseconds);

    public void Dispose()
    {
        // The cluster keeps using the rd_kafka_t handle until it is destroyed: cluster first.
        if (_cluster != 0)
        {
            MockClusterNative.ClusterDestroy(_cluster);
            _cluster = 0;
        }

        if (_kafka != 0)
        {
            MockClusterNative.KafkaDestroy(_kafka);
            _kafka = 0;
        }
    }

    private nint ClusterHandle => _cluster != 0 ? _cluster : throw new ObjectDisposedException(nameof(MockCluster));

    private static nint CreateKafkaHandle()
    {
        Span<byte> error = stackalloc byte[ErrorBufferSize];
        var conf = MockClusterNative.ConfNew();

        // This handle has no bootstrap.servers on purpose; librdkafka says so at level 5 (CONFWARN). Level 4
        // keeps that line off stderr while real warnings and errors still show.
        if (MockClusterNative.ConfSet(conf, "log_level", "4", error, ErrorBufferSize) != MockClusterNative.ConfOk)
        {
            MockClusterNative.ConfDestroy(conf);
            throw new InvalidOperationException($"rd_kafka_conf_set(log_level) failed: {ToText(error)}");
        }

        var kafka = MockClusterNative.KafkaNew(MockClusterNative.ProducerType, conf, error, ErrorBufferSize);
        if (kafka == 0)
        {
            MockClusterNative.ConfDestroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {ToText(error)}");
        }

        return kafka;
    }

    private static string ToText(ReadOnlySpan<byte> nulTerminated)
    {
        var end = nulTerminated.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? nulTerminated : nulTerminated[..end]);
    }
}
