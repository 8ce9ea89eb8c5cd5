namespace RealtimeSales.Oracle;

/// <summary>
/// What names one message for good: a replaced broker numbers its messages from 0 again, so an offset names a
/// message only together with the cluster id (DESIGN.md, Tables). An unknown cluster id is the empty string, as in
/// the tables.
/// </summary>
public readonly record struct MessageId(string ClusterId, int Partition, long Offset) : IComparable<MessageId>
{
    public int CompareTo(MessageId other)
    {
        var cluster = string.CompareOrdinal(ClusterId, other.ClusterId);
        return cluster != 0 ? cluster : Partition != other.Partition ? Partition.CompareTo(other.Partition) : Offset.CompareTo(other.Offset);
    }

    public override string ToString() => $"partition {Partition} offset {Offset}" + (ClusterId.Length > 0 ? $" (cluster {ClusterId})" : "");
}
