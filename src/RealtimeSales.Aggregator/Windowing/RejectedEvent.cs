namespace RealtimeSales.Aggregator.Windowing;

/// <summary>A message that is not a valid sale; a row for <c>rejected_events</c> with its raw bytes.</summary>
internal sealed record RejectedEvent(long Offset, byte[]? Key, byte[]? Payload, string Reason, long ReceivedAtMicros);
