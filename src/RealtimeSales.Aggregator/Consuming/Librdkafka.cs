using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace RealtimeSales.Aggregator.Consuming;

/// <summary>
/// The few librdkafka functions the consume loop calls itself, bound to the very library file Confluent.Kafka uses
/// (two copies would mean two sets of globals and handles that must never cross).
/// </summary>
/// <remarks>
/// On Debian 12 the package's default <c>librdkafka.so</c> needs <c>libsasl2.so.3</c>, which is missing, and
/// Confluent.Kafka falls back to <c>centos8-librdkafka.so</c>; the files are tried in the same order here.
/// </remarks>
internal static unsafe partial class Librdkafka
{
    private const string LibraryName = "librdkafka";
    private static readonly string[] s_candidateFileNames = ["librdkafka.so", "centos8-librdkafka.so"];
    private static readonly Lazy<nint> s_library = new(LoadLibrary);

    /// <summary>Routes this assembly's imports to Confluent's copy of the library; call before the first import.</summary>
    public static void Bind() => _ = s_library.Value;

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_queue_get_consumer")]
    public static partial nint QueueGetConsumer(nint client);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_queue_destroy")]
    public static partial void QueueDestroy(nint queue);

    /// <summary>Up to <paramref name="size"/> messages, or fewer once <paramref name="timeoutMs"/> passes; serves rebalance, error and log callbacks on the way.</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_consume_batch_queue")]
    public static partial nint ConsumeBatchQueue(nint queue, int timeoutMs, nint* messages, nuint size);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_message_destroy")]
    public static partial void MessageDestroy(nint message);

    private static nint LoadLibrary()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "runtimes",
            $"linux-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}", "native");
        foreach (var path in s_candidateFileNames.Select(name => Path.Combine(directory, name)))
        {
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
            {
                NativeLibrary.SetDllImportResolver(typeof(Librdkafka).Assembly, (name, _, _) => name == LibraryName ? handle : 0);
                return handle;
            }
        }

        throw new DllNotFoundException($"librdkafka was not found or could not be loaded from {directory} (tried {string.Join(", ", s_candidateFileNames)}).");
    }

    /// <summary><c>rd_kafka_message_t</c> from rdkafka.h, field for field.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Message
    {
        public ErrorCode Error;
        public nint Topic;
        public int Partition;
        public byte* Payload;
        public nuint PayloadLength;
        public byte* Key;
        public nuint KeyLength;
        public long Offset;
        public nint Private;
    }

    /// <summary>The <c>rd_kafka_t</c> behind a Confluent client; Confluent keeps it internal, and it is pinned at 2.16.</summary>
    public static SafeHandle ClientHandle(IClient client) =>
        (SafeHandle)(typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(client.Handle)
            ?? throw new InvalidOperationException($"Confluent.Kafka {typeof(Handle).Assembly.GetName().Version} no longer has Handle.LibrdkafkaHandle."));
}
