namespace RealtimeSales.Aggregator.Windowing;

/// <summary>An event whose window had closed (or would have) when it arrived; a row for <c>late_events</c>.</summary>
internal readonly record struct LateEvent(
    long Offset, string Store, long TimestampMicros, long PriceCents, long WindowStartMicros, long ReceivedAtMicros);
