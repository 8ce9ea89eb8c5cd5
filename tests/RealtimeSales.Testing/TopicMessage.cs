namespace RealtimeSales.Testing;

/// <summary>One message as stored in the log.</summary>
public sealed record TopicMessage(int Partition, long Offset, byte[]? Key, byte[]? Value);
