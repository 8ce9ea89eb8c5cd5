using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Tests;

public sealed class ResourceLoggerServiceTests
{
    [Fact]
    public void ALogKeepsOnlyItsLastLinesButNumbersThemAll()
    {
        var logs = new ResourceLoggerService();
        var log = logs.For("aggregator", "aggregator");

        for (var i = 1; i <= ResourceLoggerService.LinesKept + 500; i++)
        {
            log.Add($"line {i}", isErrorOutput: false);
        }

        var kept = logs.GetLogs("aggregator");
        Assert.Equal(ResourceLoggerService.LinesKept, kept.Count);
        Assert.Equal((501, "line 501"), (kept[0].LineNumber, kept[0].Text));
        Assert.Equal("line 2500", kept[^1].Text);
    }

    [Fact]
    public async Task WatchingALogGivesWhatItKeptThenEveryNewLine()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new ResourceLoggerService();
        var log = logs.For("kafka", "kafka");
        log.Add("before", isErrorOutput: false);

        await using var lines = logs.WatchAsync("kafka", ct).GetAsyncEnumerator(ct);
        Assert.True(await lines.MoveNextAsync());
        Assert.Equal("before", lines.Current.Text);

        log.Add("after", isErrorOutput: true);
        Assert.True(await lines.MoveNextAsync());
        Assert.Equal(("after", true), (lines.Current.Text, lines.Current.IsErrorOutput));
    }

    [Fact]
    public void AResourceNameGivesTheLinesOfAllItsReplicasInTimeOrder()
    {
        var logs = new ResourceLoggerService();
        var first = logs.For("aggregator-0", "aggregator");
        var second = logs.For("aggregator-1", "aggregator");

        first.Add("a", isErrorOutput: false);
        second.Add("b", isErrorOutput: false);
        first.Add("c", isErrorOutput: false);

        Assert.Equal(["a", "b", "c"], logs.GetLogs("aggregator").Select(line => line.Text));
        Assert.Equal(["b"], logs.GetLogs("aggregator-1").Select(line => line.Text));
        Assert.Throws<ArgumentException>(() => logs.GetLogs("producer"));
    }
}
