namespace RealtimeSales.Producer;

/// <summary>One Kafka message ready to publish: key and value bytes.</summary>
internal readonly record struct GeneratedMessage(byte[] Key, byte[] Value, MessageKind Kind);
