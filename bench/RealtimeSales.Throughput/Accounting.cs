using RealtimeSales.Contracts;
using RealtimeSales.Oracle;
using RealtimeSales.Testing;

namespace RealtimeSales.Throughput;

/// <summary>
/// The check every phase passes before its number counts, the same the exactly-once tests run: once the aggregator
/// has checkpointed the whole topic and its idle rule has closed the last windows, PostgreSQL must equal the
/// oracle's independent recount of the harness's own read of the topic, row for row — every window's revenue and
/// count per store and window start, every late and rejected event per partition and offset with its columns,
/// every partition's checkpoint at its end — and agree with what the producers say they sent
/// (<see cref="ExactlyOnceOracle"/>). Totals alone would let a lost event and a double-counted one cancel out.
/// </summary>
internal static class Accounting
{
    /// <summary>The idle rule closes the last windows about I + W + D after the last event (6 + 2 + 2 s here); ample.</summary>
    private static readonly TimeSpan s_catchUpTimeout = TimeSpan.FromSeconds(90);

    /// <exception cref="InvalidOperationException">The database does not account for every event; the message says how.</exception>
    public static async Task<EventAccount> VerifyAsync(Pipeline pipeline, TopicCount topic, string phase, CancellationToken cancellationToken)
    {
        var connectionString = pipeline.Database.ConnectionString;
        await ExactlyOnce.WaitForCatchUpAsync(topic.Log, connectionString, s_catchUpTimeout,
            () => $"Accounting failed in {phase}.\n{pipeline.Aggregator.Tail()}", cancellationToken);
        var tables = await PublishedTables.ReadAsync(connectionString, Topics.Sales, cancellationToken);
        var report = ExactlyOnceOracle.Judge([topic.Log], tables, pipeline.Settings.Rules, topic.Produced);
        if (report.Differences.Count > 0)
        {
            throw new InvalidOperationException(
                $"Accounting failed in {phase}: the database does not match the recount of the topic.\n{report}\n" +
                $"Aggregator's last output:\n{pipeline.Aggregator.Tail()}");
        }

        return new EventAccount(tables.Windows.Sum(w => w.EventCount), tables.Windows.Count, tables.Late.Count, tables.Rejected.Count);
    }
}
