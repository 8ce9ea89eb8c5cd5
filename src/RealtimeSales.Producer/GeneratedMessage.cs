namespace RealtimeSales.Producer;

/// <summary>One Kafka message ready to publish: key and value bytes (see <see cref="SaleGenerator.Next"/> on how long they stay).</summary>
internal readonly record struct GeneratedMessage(byte[] Key, byte[] Value, MessageKind Kind);
