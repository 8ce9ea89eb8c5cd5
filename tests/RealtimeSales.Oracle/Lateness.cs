namespace RealtimeSales.Oracle;

/// <summary>What the idle model says about an event's lateness.</summary>
internal enum Lateness
{
    OnTime,
    Late,

    /// <summary>Its window end lies within the watermark's possible interval: the database's choice decides.</summary>
    Either,
}
