namespace RealtimeSales.Contracts;

/// <summary>Kafka topic names shared by the producer and the aggregator.</summary>
public static class Topics
{
    /// <summary>Sales receipts, keyed by store id.</summary>
    public const string Sales = "sales";
}
