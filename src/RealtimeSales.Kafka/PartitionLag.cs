namespace RealtimeSales.Kafka;

/// <summary>How many messages a consumer's partition is behind the end of its log, as librdkafka last saw it.</summary>
internal sealed record PartitionLag(string Topic, int Partition, long Lag);
