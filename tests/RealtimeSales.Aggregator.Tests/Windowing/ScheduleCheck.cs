namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>
/// What must hold after any <see cref="PipelineSchedule"/>, however the crashes, moves and stalls fell: every message
/// counted in exactly one place, windows that are the exact sums of the receipts not counted late, late decisions a
/// monotone watermark could have made, nothing left open, and no rule broken on the way.
/// </summary>
internal static class ScheduleCheck
{
    public static void Verify(PipelineSchedule schedule, ScheduleRun run, CommittedTables tables)
    {
        var context = $"{schedule}\n--- tables ---\n{tables.Render()}";
        Assert.True(run.Violations.Count == 0, string.Join('\n', run.Violations) + "\n" + context);
        Assert.True(tables.OpenWindows.Count == 0, "open windows left\n" + context);

        var expectedWindows = new SortedDictionary<(string Store, long Start), (long Revenue, int Count)>();
        for (var partition = 0; partition < schedule.Logs.Length; partition++)
        {
            var log = schedule.Logs[partition];
            Assert.True(tables.Checkpoints.TryGetValue(partition, out var checkpoint) || log.Messages.Length == 0, $"partition {partition} never checkpointed\n{context}");
            Assert.Equal(log.Messages.Length, checkpoint.NextOffset);
            if (log.Deleted is { } deleted && deleted.From < deleted.To)
            {
                Assert.True(tables.Gaps.TryGetValue((partition, deleted.From), out var to) && to == deleted.To, $"gap {deleted} of partition {partition} not recorded\n{context}");
            }

            var watermarkAtLeast = long.MinValue;
            long? maxTs = null;
            for (var offset = 0; offset < log.Messages.Length; offset++)
            {
                if (log.Deleted is { } gone && offset >= gone.From && offset < gone.To)
                {
                    continue;
                }

                var message = log.Messages[offset];
                var key = (partition, (long)offset);
                if (message.Store < 0)
                {
                    Assert.True(tables.RejectedEvents.ContainsKey(key), $"malformed message {key} not rejected\n{context}");
                    continue;
                }

                Assert.False(tables.RejectedEvents.ContainsKey(key), $"valid message {key} rejected\n{context}");
                var store = run.Store(message.Store);
                var start = message.TimestampMicros - (message.TimestampMicros % ScheduleRun.Spec.SizeMicros);
                var end = start + ScheduleRun.Spec.SizeMicros;
                if (tables.LateEvents.TryGetValue(key, out var late))
                {
                    Assert.Equal((store, message.TimestampMicros, message.PriceCents, start), late);
                    // Late means the watermark had reached the window's end; it never moves back.
                    watermarkAtLeast = Math.Max(watermarkAtLeast, end);
                    continue;
                }

                // On time means the watermark was below the window's end, and it is at least max_ts - D and every late end before.
                var lowest = Math.Max(watermarkAtLeast, maxTs is { } ts ? ts - ScheduleRun.Spec.WatermarkDelayMicros : long.MinValue);
                Assert.True(end > lowest, $"message {key} (window end {end}) counted on time although the watermark was at least {lowest}\n{context}");
                maxTs = Math.Max(maxTs ?? long.MinValue, message.TimestampMicros);
                var sum = expectedWindows.GetValueOrDefault((store, start));
                expectedWindows[(store, start)] = (sum.Revenue + message.PriceCents, sum.Count + 1);
            }
        }

        Assert.True(expectedWindows.SequenceEqual(tables.WindowRevenue), $"windows differ from the sums of the on-time receipts\n{context}");
        var shareSums = tables.Shares.GroupBy(share => (share.Key.Store, share.Key.Start))
            .ToDictionary(group => group.Key, group => (group.Sum(share => share.Value.Revenue), group.Sum(share => share.Value.Count)));
        Assert.True(shareSums.Count == tables.WindowRevenue.Count && tables.WindowRevenue.All(row => shareSums[row.Key] == row.Value),
            $"window_revenue is not the sum of window_shares\n{context}");
        var messages = schedule.Logs.Sum(log => log.Messages.Length - (log.Deleted is { } d ? d.To - d.From : 0));
        Assert.Equal(messages, tables.WindowRevenue.Values.Sum(w => w.Count) + tables.LateEvents.Count + tables.RejectedEvents.Count);
    }
}
