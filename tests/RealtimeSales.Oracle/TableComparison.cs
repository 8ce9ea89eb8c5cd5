namespace RealtimeSales.Oracle;

/// <summary>Compares the published tables with the recount, row by row and column by column.</summary>
internal static class TableComparison
{
    public static IEnumerable<Difference> Compare(Recount expected, PublishedTables actual, IReadOnlyList<TopicLog> logs) =>
        Windows(expected, actual)
            .Concat(LateEvents(expected, actual))
            .Concat(RejectedEvents(expected, actual))
            .Concat(Checkpoints(expected, actual, logs[^1]))
            .Concat(Incidents(actual, logs));

    private static IEnumerable<Difference> Windows(Recount expected, PublishedTables actual)
    {
        var rows = actual.Windows.GroupBy(row => (row.Store, row.StartTicks)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (key, rowsOfKey) in rows.Where(r => r.Value.Count > 1).OrderBy(r => r.Key))
        {
            yield return new Difference("window_revenue", Window(key), $"{rowsOfKey.Count} rows for one window");
        }

        foreach (var (key, window) in expected.Windows.OrderBy(w => w.Key))
        {
            if (!rows.TryGetValue(key, out var found))
            {
                yield return new Difference("window_revenue", Window(key), $"missing; expected {window}");
                continue;
            }

            var row = found[0];
            if (row.Revenue != window.Revenue || row.EventCount != window.EventCount)
            {
                yield return new Difference("window_revenue", Window(key),
                    $"expected {window}, found {row.Revenue} from {row.EventCount} events");
            }

            if (row.EndTicks != window.EndTicks)
            {
                yield return new Difference("window_revenue", Window(key), $"window_end {EventTime.Format(row.EndTicks)}, expected {EventTime.Format(window.EndTicks)}");
            }

            if (row.ClosedAt is null)
            {
                yield return new Difference("window_revenue", Window(key), "closed_at is null");
            }
        }

        foreach (var key in rows.Keys.Where(key => !expected.Windows.ContainsKey(key)).Order())
        {
            var row = rows[key][0];
            yield return new Difference("window_revenue", Window(key), $"unexpected row: {row.Revenue} from {row.EventCount} events");
        }
    }

    private static IEnumerable<Difference> LateEvents(Recount expected, PublishedTables actual) =>
        Keyed("late_events", expected.Late, actual.Late, row => row.Id, (late, row) =>
        {
            var (floor, ceiling) = late.Time.Microseconds;
            List<string> problems = [];
            if (row.Store != late.Store)
            {
                problems.Add($"store '{row.Store}', expected '{late.Store}'");
            }

            if (row.TsMicros != floor && row.TsMicros != ceiling)
            {
                problems.Add($"ts {EventTime.Format(row.TsMicros * 10)}, expected {late.Time}");
            }

            if (row.Price != late.Price)
            {
                problems.Add($"price {row.Price}, expected {late.Price}");
            }

            if (row.WindowStartTicks != late.WindowStartTicks)
            {
                problems.Add($"window_start {EventTime.Format(row.WindowStartTicks)}, expected {EventTime.Format(late.WindowStartTicks)}");
            }

            return problems;
        }, late => $"{late.Store} ts {late.Time} price {late.Price}", row => $"{row.Store} ts {EventTime.Format(row.TsMicros * 10)} price {row.Price}");

    private static IEnumerable<Difference> RejectedEvents(Recount expected, PublishedTables actual) =>
        Keyed("rejected_events", expected.Rejected, actual.Rejected, row => row.Id, (rejection, row) =>
        {
            List<string> problems = [];
            if (!SameBytes(row.Key, rejection.Key))
            {
                problems.Add($"kafka_key {Bytes(row.Key)}, expected {Bytes(rejection.Key)}");
            }

            if (!SameBytes(row.Payload, rejection.Value))
            {
                problems.Add($"payload {Bytes(row.Payload)}, expected {Bytes(rejection.Value)}");
            }

            if (string.IsNullOrWhiteSpace(row.Reason))
            {
                problems.Add("reason is empty");
            }
            else if (!rejection.Findings.Any(finding => finding.IsNamedBy(row.Reason)))
            {
                problems.Add($"reason '{row.Reason}' names none of the faults found: {string.Join("; ", rejection.Findings)} " +
                    $"(it should contain one of: {string.Join(", ", rejection.Findings.SelectMany(f => f.ReasonWords).Distinct())})");
            }

            return problems;
        }, rejection => string.Join("; ", rejection.Findings), row => $"reason '{row.Reason}', payload {Bytes(row.Payload)}; the recount finds no fault");

    private static IEnumerable<Difference> Keyed<TExpected, TRow>(string table, IReadOnlyDictionary<MessageId, TExpected> expected,
        IReadOnlyList<TRow> actual, Func<TRow, MessageId> id, Func<TExpected, TRow, List<string>> compare, Func<TExpected, string> describe,
        Func<TRow, string> describeRow)
    {
        var rows = actual.GroupBy(id).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (key, rowsOfKey) in rows.Where(r => r.Value.Count > 1).OrderBy(r => r.Key))
        {
            yield return new Difference(table, key.ToString(), $"{rowsOfKey.Count} rows for one message");
        }

        foreach (var (key, value) in expected)
        {
            if (!rows.TryGetValue(key, out var found))
            {
                yield return new Difference(table, key.ToString(), $"missing; expected {describe(value)}");
                continue;
            }

            foreach (var problem in compare(value, found[0]))
            {
                yield return new Difference(table, key.ToString(), problem);
            }
        }

        foreach (var key in rows.Keys.Where(key => !expected.ContainsKey(key)).Order())
        {
            yield return new Difference(table, key.ToString(), $"unexpected row: {describeRow(rows[key][0])}");
        }
    }

    private static IEnumerable<Difference> Checkpoints(Recount expected, PublishedTables actual, TopicLog current)
    {
        var rows = actual.Checkpoints.ToDictionary(row => row.Partition);
        var lows = expected.FinalLowWatermarks;
        foreach (var (partition, messages) in current.Partitions)
        {
            if (!rows.TryGetValue(partition, out var row))
            {
                if (messages.Count > 0)
                {
                    yield return new Difference("partition_checkpoints", $"partition {partition}", "no checkpoint");
                }

                continue;
            }

            if (row.NextOffset != messages.Count)
            {
                yield return new Difference("partition_checkpoints", $"partition {partition}", $"next_offset {row.NextOffset}, the log ends at {messages.Count}");
            }

            // The watermark never moves back; it ends at least at max_ts − D of the events counted on time.
            if (lows.TryGetValue(partition, out var low) && (row.WatermarkTicks is not { } watermark || watermark < low))
            {
                yield return new Difference("partition_checkpoints", $"partition {partition}",
                    $"watermark {(row.WatermarkTicks is { } w ? EventTime.Format(w) : "null")}, below max_ts - D = {EventTime.Format(low)}");
            }
        }

        if (actual.OpenWindows != 0)
        {
            yield return new Difference("open_windows", "", $"{actual.OpenWindows} windows still open");
        }
    }

    private static IEnumerable<Difference> Incidents(PublishedTables actual, IReadOnlyList<TopicLog> logs)
    {
        // Nothing was lost in a log the recount could read from offset 0 (TopicLog refuses a truncated one).
        foreach (var gap in actual.DataGaps)
        {
            yield return new Difference("data_gaps", "", $"unexpected row: {gap.Description}");
        }

        // One change per broker replacement, from each log's cluster to the next one's.
        var expected = logs.Zip(logs.Skip(1), (before, after) => $"{before.ClusterId} -> {after.ClusterId}").ToList();
        var found = actual.ClusterChanges.Select(change => change.Description).ToList();
        if (!expected.SequenceEqual(found))
        {
            yield return new Difference("cluster_changes", "",
                $"expected [{string.Join(", ", expected)}], found [{string.Join(", ", found)}]");
        }
    }

    private static string Window((string Store, long StartTicks) key) => $"{key.Store} [{EventTime.Format(key.StartTicks)}]";

    private static bool SameBytes(byte[]? a, byte[]? b) => a is null || b is null ? a is null && b is null : a.AsSpan().SequenceEqual(b);

    private static string Bytes(byte[]? bytes) => bytes is null ? "null"
        : bytes.Length <= 80 ? $"'{System.Text.Encoding.UTF8.GetString(bytes)}' ({bytes.Length} bytes)"
        : $"'{System.Text.Encoding.UTF8.GetString(bytes, 0, 80)}…' ({bytes.Length} bytes)";
}
