namespace RealtimeSales.Throughput;

/// <summary>Where the database has put the events it has read so far.</summary>
internal readonly record struct EventAccount(long InClosedWindows, long InOpenWindows, long Late, long Rejected, long ClosedWindows)
{
    public long Total => InClosedWindows + InOpenWindows + Late + Rejected;
}
