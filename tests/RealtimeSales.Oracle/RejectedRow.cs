namespace RealtimeSales.Oracle;

/// <summary>A row of <c>rejected_events</c>.</summary>
public sealed record RejectedRow(MessageId Id, byte[]? Key, byte[]? Payload, string? Reason);
