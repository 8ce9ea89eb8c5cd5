namespace RealtimeSales.Aggregator.Windowing;

/// <summary>Offsets <c>[FromOffset, ToOffset)</c> that could not be read (retention or a new cluster); a row for <c>data_gaps</c>.</summary>
internal sealed record DataGap(long FromOffset, long ToOffset, string Reason, long DetectedAtMicros);
