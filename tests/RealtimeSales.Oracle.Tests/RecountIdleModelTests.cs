namespace RealtimeSales.Oracle.Tests;

/// <summary>
/// The idle rule in the recount: W = D = 2 s, I = 4 s, tolerance 1 s. After an event at ts 100 (watermark 98), a gap
/// of g seconds of CreateTime lets the watermark rise to at most 98 + (g + 1 − 4) before the next event.
/// </summary>
public sealed class RecountIdleModelTests
{
    private static readonly MessageId s_second = new("cluster-a", 0, 1);
    private static readonly MessageId s_third = new("cluster-a", 0, 2);

    [Fact]
    public void GapsShorterThanIdleTimeoutMinusToleranceLeaveNothingToTheDatabase()
    {
        var log = new TestLog().Receipt(0, "store-1", "100", created: 100).Receipt(0, "store-1", "99", created: 102.9);

        var recount = Run(log, late: [s_second]);

        Assert.Equal(0, recount.AmbiguousLateness);
        Assert.Empty(recount.Late);
        Assert.Single(recount.Violations);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AfterALongerGapTheDatabaseDecidesAnEventWithinTheBound(bool countedLate)
    {
        // Gap 10 s: the watermark may be anywhere in [98, 105]; window [98, 100) of ts 99 ends inside.
        var log = new TestLog().Receipt(0, "store-1", "100", created: 100).Receipt(0, "store-1", "99", created: 110);

        var recount = Run(log, late: countedLate ? [s_second] : []);

        Assert.Equal(1, recount.AmbiguousLateness);
        Assert.Equal(countedLate, recount.Late.ContainsKey(s_second));
        Assert.Empty(recount.Violations);
    }

    [Fact]
    public void AnEventBeyondTheBoundIsOnTimeForCertain()
    {
        // Gap 10 s: the watermark is at most 105; window [106, 108) of ts 107 cannot have closed.
        var log = new TestLog().Receipt(0, "store-1", "100", created: 100).Receipt(0, "store-1", "107", created: 110);

        var recount = Run(log, late: [s_second]);

        Assert.Equal(0, recount.AmbiguousLateness);
        Assert.False(recount.Late.ContainsKey(s_second));
        Assert.Contains("on time for certain", Assert.Single(recount.Violations).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventTheDatabaseCountedLateProvesTheWatermarkForTheEventsAfterIt()
    {
        // The database counted ts 99 late: the watermark was at least 100, so ts 99.5 (same window) is late for certain.
        var log = new TestLog()
            .Receipt(0, "store-1", "100", created: 100)
            .Receipt(0, "store-1", "99", created: 110)
            .Receipt(0, "store-1", "99.5", created: 110.1);

        var recount = Run(log, late: [s_second]);

        Assert.Equal(1, recount.AmbiguousLateness);
        Assert.Equal([s_second, s_third], recount.Late.Keys);
        Assert.Contains("late for certain", Assert.Single(recount.Violations).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventTheDatabaseCountedOnTimeProvesTheWatermarkWasBelowItsWindowEnd()
    {
        // ts 99 on time: the watermark was below 100, so window [98, 100) is still open for ts 98.5.
        var log = new TestLog()
            .Receipt(0, "store-1", "100", created: 100)
            .Receipt(0, "store-1", "99", created: 110)
            .Receipt(0, "store-1", "98.5", created: 110.1);

        var recount = Run(log, late: [s_third]);

        Assert.Equal(1, recount.AmbiguousLateness);
        Assert.Empty(recount.Late);
        Assert.Single(recount.Violations);
    }

    [Fact]
    public void AnIdleAdvanceCanOnlyHappenAfterAnEvent()
    {
        // Before any event the watermark is minus infinity, whatever the gap.
        var log = new TestLog().Receipt(0, "store-1", "0", created: 500);

        Assert.Equal(0, Run(log, late: []).AmbiguousLateness);
    }

    [Fact]
    public void TheGapRunsFromTheLastValidEventRejectedOnesDoNotResetIt()
    {
        var log = new TestLog()
            .Receipt(0, "store-1", "100", created: 100)
            .Message(0, "store-1"u8.ToArray(), "{"u8.ToArray(), created: 103)
            .Receipt(0, "store-1", "99", created: 106);

        Assert.Equal(1, Run(log, late: []).AmbiguousLateness);
    }

    [Fact]
    public void APartitionKeepsItsWatermarkAcrossABrokerReplacement()
    {
        // Offsets restart under a new cluster id, event time does not: ts 50 in the new log is late.
        var before = new TestLog("cluster-a").Receipt(0, "store-1", "100", created: 100).Build();
        var after = new TestLog("cluster-b").Receipt(0, "store-1", "50", created: 101).Build();

        var recount = Recount.Run([before, after], TestLog.Rules, Choices(late: [new MessageId("cluster-b", 0, 0)]));

        Assert.Equal([new MessageId("cluster-b", 0, 0)], recount.Late.Keys);
        Assert.Empty(recount.Violations);
    }

    [Fact]
    public void ReceiptsLaggingTheirCreateTimeByThirtySecondsAreTheProducersLateOnes()
    {
        var log = new TestLog()
            .Receipt(0, "store-1", "60", created: 90)
            .Receipt(0, "store-1", "100", created: 100)
            .Receipt(0, "store-1", "70.001", created: 100.1)
            .Receipt(0, "store-1", "75", created: 100.2);

        var recount = Run(log, late: []);

        Assert.Equal([new MessageId("cluster-a", 0, 0), s_third], recount.Lagging);
        Assert.Equal(1, recount.LaggingNotSurelyLate);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ATsJustOverFiveMinutesAheadOfItsCreateTimeIsDecidedByTheDatabase(bool rejected)
    {
        var log = new TestLog().Receipt(0, "store-1", "400.5", created: 100);
        var id = new MessageId("cluster-a", 0, 0);

        var recount = Recount.Run([log.Build()], TestLog.Rules,
            new DatabaseChoices(new HashSet<MessageId>(), rejected ? [id] : new HashSet<MessageId>(), TestLog.At(200)));

        Assert.Equal(1, recount.AmbiguousClock);
        Assert.Equal(rejected, recount.Rejected.ContainsKey(id));
    }

    [Fact]
    public void ATsFiveMinutesAheadOfTheLatestClockIsRejectedForCertain()
    {
        var log = new TestLog().Receipt(0, "store-1", "500.5", created: 100);

        var recount = Recount.Run([log.Build()], TestLog.Rules, new DatabaseChoices(new HashSet<MessageId>(), new HashSet<MessageId>(), TestLog.At(200)));

        Assert.Equal(0, recount.AmbiguousClock);
        Assert.Equal(FindingKind.Ahead, Assert.Single(Assert.Single(recount.Rejected.Values).Findings).Kind);
    }

    private static Recount Run(TestLog log, HashSet<MessageId> late) => Recount.Run([log.Build()], TestLog.Rules, Choices(late));

    private static DatabaseChoices Choices(HashSet<MessageId> late) => new(late, new HashSet<MessageId>(), TestLog.At(1_000_000));
}
