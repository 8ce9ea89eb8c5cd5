namespace RealtimeSales.Throughput;

/// <summary>Where the database put the events, once every window had closed.</summary>
internal readonly record struct EventAccount(long InClosedWindows, long ClosedWindows, long Late, long Rejected)
{
    public long Total => InClosedWindows + Late + Rejected;
}
