using System.Text;

namespace RealtimeSales.Oracle.Tests;

/// <summary>The whole verdict on a small log: the right tables pass, and each way of getting one column wrong fails where it should.</summary>
public sealed class ExactlyOnceOracleTests
{
    private const string BadPrice = """{"store":"store-1","item":"coffee","price":4.505,"ts":1764000011}""";
    private static readonly MessageId s_rejected = new("cluster-a", 0, 2);
    private static readonly MessageId s_late = new("cluster-a", 0, 4);
    private static readonly ProducerTally s_produced = new(Acknowledged: 5, Late: 1, Malformed: 1);
    private static readonly DateTime s_closedAt = TestLog.At(30).UtcDateTime;

    private static readonly TopicLog s_log = new TestLog()
        .Receipt(0, "store-1", "10.5", created: 10.5, price: "1.25")
        .Receipt(0, "store-1", "11", created: 11, price: "2.00")
        .Message(0, "store-1"u8.ToArray(), Encoding.UTF8.GetBytes(BadPrice), created: 11.1)
        .Receipt(0, "store-1", "20", created: 11.2, price: "1.25")
        .Receipt(0, "store-1", "-25", created: 11.3, price: "1.25")
        .Build();

    /// <summary>What a correct pipeline publishes for <see cref="s_log"/>.</summary>
    private static readonly PublishedTables s_correct = new(
        [
            new WindowRow("store-1", TestLog.Ticks(10), TestLog.Ticks(12), 3.25m, 2, s_closedAt),
            new WindowRow("store-1", TestLog.Ticks(20), TestLog.Ticks(22), 1.25m, 1, s_closedAt),
        ],
        [new LateRow(s_late, "store-1", TestLog.Ticks(-25) / 10, 1.25m, TestLog.Ticks(-26))],
        [new RejectedRow(s_rejected, "store-1"u8.ToArray(), Encoding.UTF8.GetBytes(BadPrice), "price: 4.505 has more than 2 decimal places")],
        [new CheckpointRow(0, 5, TestLog.Ticks(30))],
        [],
        [],
        0,
        TestLog.At(40));

    [Fact]
    public void TheRightTablesHaveNoDifferences()
    {
        var report = ExactlyOnceOracle.Judge([s_log], s_correct, TestLog.Rules, s_produced);

        Assert.True(report.Differences.Count == 0, report.ToString());
        Assert.Equal(5, report.Actual.EventCount);
        Assert.Equal(5, report.Expected.EventCount);
    }

    public static TheoryData<string, string> Mutations => new()
    {
        // a mutation of the correct tables; the table the verdict must blame
        { "duplicate window row", "window_revenue" },
        { "revenue off by a cent", "window_revenue" },
        { "one event too many in a window", "window_revenue" },
        { "wrong window_end", "window_revenue" },
        { "window missing", "window_revenue" },
        { "closed_at missing", "window_revenue" },
        { "late price wrong", "late_events" },
        { "late ts wrong", "late_events" },
        { "late window_start wrong", "late_events" },
        { "late store wrong", "late_events" },
        { "late event missing", "late_events" },
        { "rejected payload differs", "rejected_events" },
        { "rejected key missing", "rejected_events" },
        { "reason names another fault", "rejected_events" },
        { "reason empty", "rejected_events" },
        { "rejected event counted twice", "rejected_events" },
        { "checkpoint short of the end", "partition_checkpoints" },
        { "watermark behind max_ts - D", "partition_checkpoints" },
        { "a data gap", "data_gaps" },
        { "a cluster change", "cluster_changes" },
        { "a window left open", "open_windows" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void EachWrongColumnIsFound(string mutation, string table)
    {
        var report = ExactlyOnceOracle.Judge([s_log], Mutate(mutation), TestLog.Rules, s_produced);

        Assert.Contains(report.Differences, difference => difference.Table == table);
        Assert.Contains(table, report.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, 1, 1)]
    [InlineData(5, 0, 1)]
    [InlineData(5, 1, 0)]
    public void TheProducersTalliesMustMatch(long acknowledged, long late, long malformed)
    {
        var report = ExactlyOnceOracle.Judge([s_log], s_correct, TestLog.Rules, new ProducerTally(acknowledged, late, malformed));

        Assert.Contains(report.Differences, difference => difference.Table == "producer");
    }

    [Fact]
    public void AnOnTimeReceiptCountedLateIsBlamedOnTheProducersTallyToo()
    {
        // The recount and the tables could share a wrong window rule; the producer's intent cannot.
        var tables = s_correct with
        {
            Windows = [s_correct.Windows[0] with { Revenue = 2.00m, EventCount = 1 }, s_correct.Windows[1]],
            Late = [.. s_correct.Late, new LateRow(new MessageId("cluster-a", 0, 0), "store-1", TestLog.Ticks(10.5m) / 10, 1.25m, TestLog.Ticks(10))],
        };

        var report = ExactlyOnceOracle.Judge([s_log], tables, TestLog.Rules, s_produced);

        Assert.Contains(report.Differences, difference => difference.Table == "late_events" && difference.Problem.Contains("produced on time", StringComparison.Ordinal));
    }

    private static PublishedTables Mutate(string mutation)
    {
        var window = s_correct.Windows[0];
        var late = s_correct.Late[0];
        var rejected = s_correct.Rejected[0];
        return mutation switch
        {
            "duplicate window row" => s_correct with { Windows = [.. s_correct.Windows, window] },
            "revenue off by a cent" => s_correct with { Windows = [window with { Revenue = 3.24m }, s_correct.Windows[1]] },
            "one event too many in a window" => s_correct with { Windows = [window with { EventCount = 3 }, s_correct.Windows[1]] },
            "wrong window_end" => s_correct with { Windows = [window with { EndTicks = window.EndTicks + 1 }, s_correct.Windows[1]] },
            "window missing" => s_correct with { Windows = [s_correct.Windows[1]] },
            "closed_at missing" => s_correct with { Windows = [window with { ClosedAt = null }, s_correct.Windows[1]] },
            "late price wrong" => s_correct with { Late = [late with { Price = 1.26m }] },
            "late ts wrong" => s_correct with { Late = [late with { TsMicros = late.TsMicros + 1000 }] },
            "late window_start wrong" => s_correct with { Late = [late with { WindowStartTicks = TestLog.Ticks(-24) }] },
            "late store wrong" => s_correct with { Late = [late with { Store = "store-2" }] },
            "late event missing" => s_correct with { Late = [] },
            "rejected payload differs" => s_correct with { Rejected = [rejected with { Payload = [.. rejected.Payload!, (byte)' '] }] },
            "rejected key missing" => s_correct with { Rejected = [rejected with { Key = null }] },
            "reason names another fault" => s_correct with { Rejected = [rejected with { Reason = "ts: out of range" }] },
            "reason empty" => s_correct with { Rejected = [rejected with { Reason = "" }] },
            "rejected event counted twice" => s_correct with { Rejected = [rejected, rejected] },
            "checkpoint short of the end" => s_correct with { Checkpoints = [new CheckpointRow(0, 4, TestLog.Ticks(30))] },
            "watermark behind max_ts - D" => s_correct with { Checkpoints = [new CheckpointRow(0, 5, TestLog.Ticks(17))] },
            "a data gap" => s_correct with { DataGaps = [new IncidentRow("data_gaps", "partition 0 offsets 0..3")] },
            "a cluster change" => s_correct with { ClusterChanges = [new IncidentRow("cluster_changes", "cluster-0 -> cluster-a")] },
            "a window left open" => s_correct with { OpenWindows = 1 },
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null),
        };
    }
}
