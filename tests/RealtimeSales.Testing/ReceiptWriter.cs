using System.Globalization;
using System.Text;
using Confluent.Kafka;
using RealtimeSales.Oracle;

namespace RealtimeSales.Testing;

/// <summary>
/// A second writer to <c>sales</c> that places each receipt on a partition of its choosing, as a client with
/// another partitioner (or a topic that gained partitions) would: the way a store ends up on several partitions.
/// </summary>
public sealed class ReceiptWriter : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;

    public ReceiptWriter(string bootstrapServers) =>
        _producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();

    /// <summary>Receipts written and acknowledged so far.</summary>
    public int Written { get; private set; }

    /// <summary>What this writer sent, for <see cref="ExactlyOnce.CheckAsync(string, string, AggregatorSettings, ProducerTally, TimeSpan, Func{string}, CancellationToken)"/>: valid receipts stamped now, none late or malformed.</summary>
    public ProducerTally Tally => new(Written, Late: 0, Malformed: 0);

    /// <summary>Writes one valid receipt for <paramref name="store"/> to <paramref name="partition"/>, stamped now.</summary>
    public async Task WriteAsync(string store, decimal price, int partition, CancellationToken cancellationToken)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000m;
        var json = string.Create(CultureInfo.InvariantCulture, $$"""{"store":"{{store}}","item":"coffee","price":{{price:0.00}},"ts":{{ts:0.000}}}""");
        await _producer.ProduceAsync(new TopicPartition("sales", partition),
            new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(store), Value = Encoding.UTF8.GetBytes(json) }, cancellationToken);
        Written++;
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
