namespace RealtimeSales.Testing;

/// <summary>
/// The exactly-once check of DESIGN.md: once the aggregators have checkpointed the whole topic and closed
/// every window, PostgreSQL must equal an independent recount of the topic — every valid event in exactly
/// one window or in <c>late_events</c>, every malformed one in <c>rejected_events</c>, nothing twice.
/// </summary>
public static class ExactlyOnce
{
    /// <summary>Waits until the database has caught up with the topic, then compares the two.</summary>
    /// <param name="bootstrapServers">Kafka to read the topic from.</param>
    /// <param name="connectionString">The sales database.</param>
    /// <param name="settings">Window size and watermark delay the aggregators run with.</param>
    /// <param name="timeout">How long the aggregators get to catch up.</param>
    /// <param name="describeAggregators">The aggregators' last log lines, for the message when the wait times out.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<ExactlyOnceReport> CheckAsync(string bootstrapServers, string connectionString, AggregatorSettings settings,
        TimeSpan timeout, Func<string> describeAggregators, CancellationToken cancellationToken)
    {
        var log = TopicReader.ReadAll(bootstrapServers, "sales", TimeSpan.FromSeconds(30));
        var expected = TopicRecount.Count(log, settings.WindowSize, settings.WatermarkDelay);
        await WaitForCatchUpAsync(log, connectionString, timeout, describeAggregators, cancellationToken);
        var actual = await SalesTables.ReadAsync(connectionString, "sales", cancellationToken);
        return new ExactlyOnceReport(log.Values.Sum(p => p.Count), expected, actual, expected.Differences(actual));
    }

    /// <summary>Waits until every partition of <paramref name="log"/> is checkpointed to its end and no window is left open.</summary>
    public static async Task WaitForCatchUpAsync(IReadOnlyDictionary<int, IReadOnlyList<TopicMessage>> log, string connectionString,
        TimeSpan timeout, Func<string> describeAggregators, CancellationToken cancellationToken)
    {
        var progress = "";
        await Eventually.WaitUntilAsync(async () =>
            {
                var (offsets, open) = await SalesTables.ProgressAsync(connectionString, "sales", cancellationToken);
                progress = $"open windows: {open}; partitions (checkpointed/end): " +
                    string.Join(", ", log.Select(p => $"{p.Key}:{offsets.GetValueOrDefault(p.Key)}/{p.Value.Count}"));
                return open == 0 && log.All(partition => offsets.GetValueOrDefault(partition.Key) == partition.Value.Count);
            },
            timeout, "every partition to be checkpointed to its end with no window left open",
            () => progress + "\n" + describeAggregators(), cancellationToken);
    }
}
