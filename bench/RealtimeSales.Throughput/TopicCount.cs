using System.Diagnostics;
using RealtimeSales.Contracts;
using RealtimeSales.Oracle;

namespace RealtimeSales.Throughput;

/// <summary>
/// The harness's own count of the topic: every message read back from Kafka by partition and offset
/// (<see cref="TopicLog"/>, the independent oracle's reader, which shares no code with src/), and what the
/// producers say they sent. The oracle's recount of it is what the database must equal, row for row, before any
/// rate counts (<see cref="Accounting"/>).
/// </summary>
/// <param name="Log">The topic as read, after the producers finished.</param>
/// <param name="Produced">The producers' own tallies: acknowledged, late and malformed.</param>
/// <param name="ReadSeconds">How long reading took (the harness's own cost, outside every measurement).</param>
internal sealed record TopicCount(TopicLog Log, ProducerTally Produced, double ReadSeconds)
{
    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The next offset per partition: the topic's end when it was read.</summary>
    public IReadOnlyDictionary<int, long> End { get; } = Log.Partitions.ToDictionary(p => p.Key, p => (long)p.Value.Count);

    public long Messages => Log.MessageCount;

    /// <summary>Reads the whole topic as it is now; fails if the broker has truncated any of it (events lost).</summary>
    public static TopicCount Read(string bootstrapServers, ProducerTally produced)
    {
        var started = Stopwatch.GetTimestamp();
        var log = TopicLog.Read(bootstrapServers, Topics.Sales, s_readTimeout);
        return new TopicCount(log, produced, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
