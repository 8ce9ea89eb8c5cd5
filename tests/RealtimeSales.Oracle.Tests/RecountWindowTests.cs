namespace RealtimeSales.Oracle.Tests;

/// <summary>DESIGN.md's window rules in the recount, traffic continuous (no idle advance possible): every verdict is certain.</summary>
public sealed class RecountWindowTests
{
    private static readonly DatabaseChoices s_noChoices = new(new HashSet<MessageId>(), new HashSet<MessageId>(), TestLog.At(1_000_000));

    public static TheoryData<string, string> WindowStarts => new()
    {
        // ts after the epoch; the start of its window (W = 2 s), both in seconds
        { "0", "0" },
        { "1.9999999", "0" },
        { "1.99999999999", "0" },
        { "2", "2" },
        { "2.0000001", "2" },
        { "3.5", "2" },
        { "-0.5", "-2" },
    };

    [Theory]
    [MemberData(nameof(WindowStarts))]
    public void TheWindowStartIsTsFlooredToAMultipleOfW(string ts, string start)
    {
        var recount = Run(new TestLog().Receipt(0, "store-1", ts, created: 1));

        var window = Assert.Single(recount.Windows.Values);
        Assert.Equal(TestLog.Ticks(decimal.Parse(start, System.Globalization.CultureInfo.InvariantCulture)), window.StartTicks);
        Assert.Equal(window.StartTicks + TestLog.Rules.WindowSize.Ticks, window.EndTicks);
    }

    public static TheoryData<string, bool> SecondEvents => new()
    {
        // after an event at ts 100 (watermark 98): the second event's ts; whether it is late
        { "97.9999999", true },
        { "96", true },
        { "98", false },
        { "99.5", false },
        { "150", false },
    };

    [Theory]
    [MemberData(nameof(SecondEvents))]
    public void AnEventIsLateWhenItsWindowEndsAtOrBelowTheWatermark(string ts, bool late)
    {
        var recount = Run(new TestLog().Receipt(0, "store-1", "100", created: 100).Receipt(0, "store-1", ts, created: 100.1));

        Assert.Equal(late, recount.Late.ContainsKey(new MessageId("cluster-a", 0, 1)));
        Assert.Equal(late ? 1 : 2, recount.Windows.Values.Sum(w => w.EventCount));
        Assert.Equal(0, recount.AmbiguousLateness);
    }

    [Fact]
    public void ALateEventIsRecordedWithItsStoreTsPriceAndWindow()
    {
        var recount = Run(new TestLog().Receipt(0, "store-1", "100", created: 100).Receipt(0, "store-9", "50.25", created: 100.1, price: "7.05"));

        Assert.Equal(new ExpectedLate(new MessageId("cluster-a", 0, 1), "store-9", new EventTime(TestLog.Ticks(50.25m), false), 7.05m, TestLog.Ticks(50)),
            Assert.Single(recount.Late.Values));
    }

    [Fact]
    public void EachPartitionHasItsOwnWatermark()
    {
        var recount = Run(new TestLog().Receipt(0, "store-1", "100", created: 100).Receipt(1, "store-2", "90", created: 100.1));

        Assert.Empty(recount.Late);
    }

    [Fact]
    public void TheWatermarkFollowsMaxTsNotTheLastEvent()
    {
        var recount = Run(new TestLog()
            .Receipt(0, "store-1", "100", created: 100)
            .Receipt(0, "store-1", "99", created: 100.1)
            .Receipt(0, "store-1", "97", created: 100.2));

        Assert.Equal([new MessageId("cluster-a", 0, 2)], recount.Late.Keys);
    }

    [Fact]
    public void AStoreOnTwoPartitionsIsOneRowSummingBothShares()
    {
        var recount = Run(new TestLog()
            .Receipt(0, "split-store", "10.1", created: 10, price: "1.10")
            .Receipt(0, "split-store", "10.2", created: 10.1, price: "2.20")
            .Receipt(1, "split-store", "11.9", created: 10.2, price: "3.30"));

        Assert.Equal(new ExpectedWindow("split-store", TestLog.Ticks(10), TestLog.Ticks(12), 6.60m, 3), Assert.Single(recount.Windows.Values));
    }

    [Fact]
    public void RevenueIsSummedExactly()
    {
        var log = new TestLog();
        for (var i = 0; i < 10; i++)
        {
            log.Receipt(0, "store-1", "10.5", created: 10 + (i * 0.01), price: "0.10");
        }

        Assert.Equal(1.00m, Assert.Single(Run(log).Windows.Values).Revenue);
    }

    [Fact]
    public void MalformedMessagesAreRejectedWithTheirBytesAndNeverMoveTheWatermark()
    {
        var recount = Run(new TestLog()
            .Receipt(0, "store-1", "100", created: 100)
            .Message(0, "store-1"u8.ToArray(), """{"store":"store-1","item":"coffee","price":4.505,"ts":1764000200}"""u8.ToArray(), created: 100.1)
            .Receipt(0, "store-1", "99", created: 100.2));

        var rejection = Assert.Single(recount.Rejected.Values);
        Assert.Equal("store-1"u8.ToArray(), rejection.Key);
        Assert.Equal((FindingKind.BadField, "price"), (rejection.Findings[0].Kind, rejection.Findings[0].Field));
        Assert.Empty(recount.Late);
    }

    private static Recount Run(TestLog log) => Recount.Run([log.Build()], TestLog.Rules, s_noChoices);
}
