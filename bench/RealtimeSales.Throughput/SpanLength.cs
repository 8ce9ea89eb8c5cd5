using Confluent.Kafka;

namespace RealtimeSales.Throughput;

/// <summary>
/// The least a consumer can do with a key or value: look at the span Confluent hands a deserializer (over
/// librdkafka's own buffer) and copy nothing, as the aggregator decodes straight from it.
/// </summary>
internal sealed class SpanLength : IDeserializer<int>
{
    public static readonly SpanLength Instance = new();

    public int Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) => data.Length;
}
