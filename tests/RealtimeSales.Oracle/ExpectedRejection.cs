namespace RealtimeSales.Oracle;

/// <summary>A row <c>rejected_events</c> must hold: the message's bytes as they are, and what the oracle found wrong.</summary>
public sealed record ExpectedRejection(MessageId Id, byte[]? Key, byte[]? Value, IReadOnlyList<Finding> Findings);
