namespace RealtimeSales.Oracle;

/// <summary>A row <c>late_events</c> must hold.</summary>
/// <param name="Id">The message.</param>
/// <param name="Store">Its store.</param>
/// <param name="Time">Its exact ts.</param>
/// <param name="Price">Its price.</param>
/// <param name="WindowStartTicks">The start of the window it missed.</param>
public sealed record ExpectedLate(MessageId Id, string Store, EventTime Time, decimal Price, long WindowStartTicks);
