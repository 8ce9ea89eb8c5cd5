namespace RealtimeSales.Oracle;

/// <summary>One message as the broker holds it.</summary>
/// <param name="Id">Cluster, partition and offset.</param>
/// <param name="Key">The Kafka key, null when there is none.</param>
/// <param name="Value">The Kafka value, null when there is none.</param>
/// <param name="CreateTime">
/// The Kafka CreateTime: the producer's wall clock when it handed the message to its client library (librdkafka
/// stamps it in <c>produce()</c>), millisecond resolution. The broker keeps it as sent.
/// </param>
public sealed record LoggedMessage(MessageId Id, byte[]? Key, byte[]? Value, DateTimeOffset CreateTime);
