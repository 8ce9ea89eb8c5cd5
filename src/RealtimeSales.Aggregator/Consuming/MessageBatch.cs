using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace RealtimeSales.Aggregator.Consuming;

/// <summary>
/// Reads the consumer's queue a batch at a time straight from librdkafka: one call for up to
/// <see cref="Capacity"/> messages, each read in place (its key and value are spans over librdkafka's buffers).
/// </summary>
/// <remarks>
/// Confluent's <c>Consume</c> makes a P/Invoke, a result, a message and two arrays for every message, and the
/// garbage collections that follow: 0.7–0.9 µs of CPU per message here against 0.25–0.45 µs for this, measured
/// side by side on a 400,000-message backlog. Rebalance, error and log callbacks are still Confluent's:
/// librdkafka serves them from this call as it would from Confluent's poll. Since librdkafka 1.7 a batch holds
/// no message of an assignment that a rebalance within the call ended.
/// </remarks>
internal sealed unsafe class MessageBatch : IDisposable
{
    public const int Capacity = 2_048;

    private readonly SafeHandle _client;
    private readonly nint _queue;
    private readonly nint* _messages = (nint*)NativeMemory.Alloc(Capacity, (nuint)sizeof(nint));
    private readonly bool _addedReference;

    public MessageBatch(IClient consumer)
    {
        Librdkafka.Bind();
        _client = Librdkafka.ClientHandle(consumer);
        _client.DangerousAddRef(ref _addedReference);
        _queue = Librdkafka.QueueGetConsumer(_client.DangerousGetHandle());
    }

    /// <summary>Messages held since the last <see cref="Poll"/>.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Releases the previous batch and takes what is queued; when nothing is, waits up to <paramref name="timeout"/>
    /// for the first message (a full batch is never waited for: a quiet partition's receipts must not sit in it).
    /// </summary>
    public int Poll(TimeSpan timeout)
    {
        Release();
        Count = (int)Librdkafka.ConsumeBatchQueue(_queue, 0, _messages, Capacity);
        if (Count == 0)
        {
            Count = (int)Librdkafka.ConsumeBatchQueue(_queue, (int)timeout.TotalMilliseconds, _messages, 1);
        }

        return Count;
    }

    /// <summary>Message <paramref name="index"/> of the batch; valid until the next <see cref="Poll"/>.</summary>
    public ref readonly Librdkafka.Message this[int index] => ref *(Librdkafka.Message*)_messages[index];

    public void Dispose()
    {
        Release();
        Librdkafka.QueueDestroy(_queue);
        NativeMemory.Free(_messages);
        if (_addedReference)
        {
            _client.DangerousRelease();
        }
    }

    private void Release()
    {
        for (var i = 0; i < Count; i++)
        {
            Librdkafka.MessageDestroy(_messages[i]);
        }

        Count = 0;
    }
}
