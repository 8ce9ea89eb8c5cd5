using RealtimeSales.Oracle;
using Xunit;

namespace RealtimeSales.Testing;

/// <summary>
/// The exactly-once check every end-to-end test runs: once the aggregators have checkpointed the whole topic and
/// closed every window, PostgreSQL must equal the oracle's independent recount of the topic, row for row, and agree
/// with what the producers say they sent (<see cref="ExactlyOnceOracle"/>).
/// </summary>
public static class ExactlyOnce
{
    /// <summary>Waits until the database has caught up with the topic, then judges it against the recount.</summary>
    /// <param name="bootstrapServers">Kafka to read the topic from, after the producers finished.</param>
    /// <param name="connectionString">The sales database.</param>
    /// <param name="settings">The settings the aggregators run with.</param>
    /// <param name="produced">The producers' tallies (<see cref="ProducerLines.Tally"/>), plus any messages the test wrote itself.</param>
    /// <param name="timeout">How long the aggregators get to catch up.</param>
    /// <param name="describeAggregators">The aggregators' last log lines, for the message when the wait times out.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static Task<ExactlyOnceReport> CheckAsync(string bootstrapServers, string connectionString, AggregatorSettings settings,
        ProducerTally produced, TimeSpan timeout, Func<string> describeAggregators, CancellationToken cancellationToken) =>
        CheckAsync(bootstrapServers, connectionString, settings, produced, timeout, describeAggregators, [], cancellationToken);

    /// <summary>As above, after the broker was replaced: <paramref name="replacedLogs"/> are the earlier brokers' logs, oldest first.</summary>
    public static async Task<ExactlyOnceReport> CheckAsync(string bootstrapServers, string connectionString, AggregatorSettings settings,
        ProducerTally produced, TimeSpan timeout, Func<string> describeAggregators, IReadOnlyList<TopicLog> replacedLogs,
        CancellationToken cancellationToken)
    {
        var log = TopicLog.Read(bootstrapServers, "sales", TimeSpan.FromSeconds(30));
        await WaitForCatchUpAsync(log, connectionString, timeout, describeAggregators, cancellationToken);
        var tables = await PublishedTables.ReadAsync(connectionString, "sales", cancellationToken);
        var report = ExactlyOnceOracle.Judge([.. replacedLogs, log], tables, settings.Rules, produced);
        // What was compared and what the model left to the database, for a run with diagnostics on.
        TestContext.Current.SendDiagnosticMessage(report.ToString());
        return report;
    }

    /// <summary>Waits until every partition of <paramref name="log"/> is checkpointed to its end and no window is left open.</summary>
    public static async Task WaitForCatchUpAsync(TopicLog log, string connectionString, TimeSpan timeout, Func<string> describeAggregators,
        CancellationToken cancellationToken)
    {
        var progress = "";
        await Eventually.WaitUntilAsync(async () =>
            {
                var (offsets, open) = await SalesTables.ProgressAsync(connectionString, "sales", cancellationToken);
                progress = $"open windows: {open}; partitions (checkpointed/end): " +
                    string.Join(", ", log.Partitions.Select(p => $"{p.Key}:{offsets.GetValueOrDefault(p.Key)}/{p.Value.Count}"));
                return open == 0 && log.Partitions.All(partition => offsets.GetValueOrDefault(partition.Key) == partition.Value.Count);
            },
            timeout, "every partition to be checkpointed to its end with no window left open",
            () => progress + "\n" + describeAggregators(), cancellationToken);
    }
}
