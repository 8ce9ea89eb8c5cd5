using Confluent.Kafka;
using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator;

/// <summary>A partition this process owns: its window engine and the generation that fences its checkpoints.</summary>
internal sealed class OwnedPartition(TopicPartition topicPartition, long generation, string clusterId, PartitionWindows windows)
{
    public TopicPartition TopicPartition { get; } = topicPartition;

    public int Partition => TopicPartition.Partition.Value;

    public long Generation { get; } = generation;

    /// <summary>The cluster whose offsets these are; part of the key of late, rejected and gap rows.</summary>
    public string ClusterId { get; } = clusterId;

    public PartitionWindows Windows { get; } = windows;

    /// <summary>The consumer reached the end of the log; only then may the idle rule advance the watermark.</summary>
    public bool AtEnd { get; set; }
}
