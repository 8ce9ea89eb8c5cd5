namespace RealtimeSales.Oracle;

/// <summary>
/// Holds the recount and the tables to what the producers say they sent, so that a decoder or window rule that is
/// wrong in the oracle and the product alike still fails.
/// </summary>
/// <remarks>
/// <para>Rejected: the topic's malformed messages and no others, in the recount and in <c>rejected_events</c>.</para>
/// <para>
/// Late, "consistent with the producers' late tally", is derived as follows. The producer stamps an on-time receipt
/// up to <see cref="ProducerJitter"/> behind its clock and a late one 30–90 s behind. (1) The log shows which is which:
/// the late ones are exactly the valid receipts whose ts lags their CreateTime by 30 s or more, so their number must
/// equal the tally. (2) An on-time receipt is never late: every receipt before it in its partition was produced
/// earlier, so max_ts − ts &lt; jitter ≤ D; and an idle advance after a wall-clock gap g raises the watermark to at most
/// max_ts − D + g + tolerance − I ≤ CreateTime − D − I + tolerance, below its ts when D + I ≥ jitter + tolerance. So
/// every row of <c>late_events</c> must be a lagging receipt. (3) A lagging receipt is late unless its partition's
/// watermark had not yet risen past its window, which happens only before its partition has seen on-time receipts
/// produced up to 30 s − W − D − jitter before it: in the first moments of a partition, or after a pause that long.
/// The recount finds those (<see cref="Recount.LaggingNotSurelyLate"/>), so
/// tally − those ≤ late rows ≤ tally. (2) holds only under its conditions on D and I; outside them it is not checked.
/// </para>
/// </remarks>
internal static class TallyCheck
{
    /// <summary>The producer stamps on-time receipts up to 2 s behind its clock (src/RealtimeSales.Producer, SaleGenerator).</summary>
    public static readonly TimeSpan ProducerJitter = TimeSpan.FromSeconds(2);

    public static IEnumerable<Difference> Check(ProducerTally tally, Recount recount, PublishedTables actual, IReadOnlyList<TopicLog> logs,
        WindowRules rules)
    {
        var messages = logs.Sum(log => log.MessageCount);
        if (messages != tally.Acknowledged)
        {
            yield return new Difference("producer", "", $"the topic holds {messages} messages, the producers acknowledged {tally.Acknowledged}");
        }

        if (recount.Rejected.Count != tally.Malformed)
        {
            yield return new Difference("producer", "", $"the recount rejects {recount.Rejected.Count} messages, the producers sent {tally.Malformed} malformed");
        }

        if (actual.Rejected.Count != tally.Malformed)
        {
            yield return new Difference("producer", "", $"rejected_events has {actual.Rejected.Count} rows, the producers sent {tally.Malformed} malformed");
        }

        if (recount.Lagging.Count != tally.Late)
        {
            yield return new Difference("producer", "",
                $"the topic holds {recount.Lagging.Count} receipts lagging their CreateTime by {Recount.LateLag.TotalSeconds} s or more, the producers sent {tally.Late} late");
        }

        if (rules.WatermarkDelay >= ProducerJitter && rules.WatermarkDelay + rules.IdleTimeout >= ProducerJitter + rules.IdleTolerance)
        {
            foreach (var row in actual.Late.Where(row => !recount.Lagging.Contains(row.Id)))
            {
                yield return new Difference("late_events", row.Id.ToString(),
                    $"{row.Store} at {EventTime.Format(row.TsMicros * 10)} was produced on time, yet counted late");
            }
        }

        var lowest = tally.Late - recount.LaggingNotSurelyLate;
        if (actual.Late.Count < lowest || actual.Late.Count > tally.Late)
        {
            yield return new Difference("late_events", "",
                $"{actual.Late.Count} rows; the producers sent {tally.Late} late receipts, of which all but {recount.LaggingNotSurelyLate} must be late");
        }
    }
}
