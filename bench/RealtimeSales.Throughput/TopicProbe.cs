using Confluent.Kafka;
using RealtimeSales.Contracts;

namespace RealtimeSales.Throughput;

/// <summary>Reads the shape of the <c>sales</c> topic: end offsets and the producer's timestamps at both ends of the log.</summary>
internal sealed class TopicProbe : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly IConsumer<Ignore, Ignore> _consumer;
    private readonly List<TopicPartition> _partitions;

    public TopicProbe(string bootstrapServers, int partitions)
    {
        _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-probe-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        _partitions = [.. Enumerable.Range(0, partitions).Select(p => new TopicPartition(Topics.Sales, p))];
    }

    /// <summary>The next offset to be written, per partition.</summary>
    public IReadOnlyDictionary<int, long> EndOffsets() =>
        _partitions.ToDictionary(p => p.Partition.Value, p => _consumer.QueryWatermarkOffsets(p, s_timeout).High.Value);

    /// <summary>
    /// The earliest and latest producer timestamps (CreateTime, set when the producer handed each message to
    /// its client) among the messages at <paramref name="from"/> and just before <paramref name="to"/>.
    /// </summary>
    public (DateTime First, DateTime Last) ProducedBetween(IReadOnlyDictionary<int, long> from, IReadOnlyDictionary<int, long> to)
    {
        var first = DateTime.MaxValue;
        var last = DateTime.MinValue;
        foreach (var partition in _partitions.Where(p => to[p.Partition.Value] > from.GetValueOrDefault(p.Partition.Value)))
        {
            var id = partition.Partition.Value;
            first = Min(first, TimestampAt(partition, from.GetValueOrDefault(id)));
            last = Max(last, TimestampAt(partition, to[id] - 1));
        }

        return (first, last);
    }

    public void Dispose() => _consumer.Dispose();

    private DateTime TimestampAt(TopicPartition partition, long offset)
    {
        _consumer.Assign(new TopicPartitionOffset(partition, offset));
        var result = _consumer.Consume(s_timeout)
            ?? throw new TimeoutException($"No message at {partition.Topic}[{partition.Partition.Value}]@{offset} within {s_timeout}.");

        // Left assigned, the consumer would go on fetching in the background, against the broker and on the
        // harness's CPU, while the next phase is measured.
        _consumer.Unassign();
        return result.Message.Timestamp.UtcDateTime;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
