using Confluent.Kafka;
using CsCheck;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;

namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>
/// For random logs, checkpointing at random points and crashing at random points (losing everything since
/// the last checkpoint, restoring, replaying from its offset) ends in exactly the tables of one uninterrupted run.
/// </summary>
public sealed class CrashRecoveryPropertyTests
{
    private const long Second = WindowScript.Second;
    private static readonly WindowSpec s_spec = new(10 * Second, 5 * Second, 20 * Second);
    private static readonly string[] s_stores = ["s1", "s2", "s3", "s4"];

    /// <summary>One message of the log: a sale (store, ts, cents) or a malformed message (store index -1).</summary>
    private static readonly Gen<LogEntry> s_entry =
        Gen.Select(Gen.Int[-1, s_stores.Length - 1], Gen.Long[0, 120 * Second], Gen.Long[0, 10_000],
            (store, ts, cents) => new LogEntry(store, ts, cents));

    private static readonly Gen<Schedule> s_schedule =
        Gen.Select(s_entry.Array[1, 300], Gen.Int[1, 40], Gen.Int[0, 60].Array[0, 6],
            (log, checkpointEvery, crashes) => new Schedule(log, checkpointEvery, crashes));

    [Fact]
    public void CrashesAndRestoresGiveTheSameTablesAsOneUninterruptedRun() =>
        s_schedule.Sample(schedule =>
        {
            var uninterrupted = Process(schedule, crashAt: []);
            var crashed = Process(schedule, crashAt: [.. schedule.CrashAfter.Select(n => n * schedule.Log.Length / 60)]);
            Assert.Equal(uninterrupted.Render(), crashed.Render());
            Assert.Empty(crashed.OpenWindows);
        }, iter: 500);

    /// <summary>Every message lands in exactly one place: a window's count, late_events or rejected_events.</summary>
    [Fact]
    public void EveryMessageIsCountedExactlyOnce() =>
        s_schedule.Sample(schedule =>
        {
            var tables = Process(schedule, crashAt: [.. schedule.CrashAfter.Select(n => n * schedule.Log.Length / 60)]);
            var counted = tables.WindowRevenue.Values.Sum(w => w.Count) + tables.LateEvents.Count + tables.RejectedEvents.Count;
            Assert.Equal(schedule.Log.Length, counted);
            Assert.Equal(schedule.Log.Where(e => e.Store >= 0).Sum(e => e.PriceCents),
                tables.WindowRevenue.Values.Sum(w => w.Revenue) + tables.LateEvents.Values.Sum(l => l.Price));
        }, iter: 500);

    private static CommittedTables Process(Schedule schedule, HashSet<int> crashAt)
    {
        var model = new CheckpointModel();
        var owned = Restore(model);
        var offset = 0L;
        while (offset < schedule.Log.Length)
        {
            var entry = schedule.Log[offset];
            if (entry.Store < 0)
            {
                owned.Windows.Reject(offset, null, [0xFF], "malformed", 0);
            }
            else
            {
                owned.Windows.Add(offset, new Sale(s_stores[entry.Store], entry.PriceCents, entry.TimestampMicros), 0);
            }

            offset++;
            if (offset % schedule.CheckpointEvery == 0)
            {
                Assert.True(model.Commit([owned.Seal()]).IsCommitted);
            }

            if (crashAt.Remove((int)offset))
            {
                owned = Restore(model);
                offset = owned.Windows.NextOffset;
            }
        }

        // Traffic stops: the idle rule closes every remaining window, then a last checkpoint.
        owned.EndReached(offset, 0);
        owned.Windows.AdvanceIfIdle(s_spec.IdleTimeoutMicros + 1000 * Second);
        Assert.True(model.Commit([owned.Seal()]).IsCommitted);
        return model.Read();
    }

    /// <summary>What a restarted aggregator loads: the checkpoint and the open windows.</summary>
    private static OwnedPartition Restore(CheckpointModel model)
    {
        var claim = Assert.Single(model.Claim([0]));
        return new OwnedPartition(new TopicPartition("sales", 0), claim, "cluster-a", new PartitionWindows(s_spec, claim.Checkpoint, claim.OpenWindows));
    }

    private sealed record LogEntry(int Store, long TimestampMicros, long PriceCents);

    private sealed record Schedule(LogEntry[] Log, int CheckpointEvery, int[] CrashAfter);
}
