using System.Diagnostics;
using RealtimeSales.Aggregator.Reporting;

namespace RealtimeSales.Aggregator.Tests.Reporting;

/// <summary>A checkpoint is one span with its row counts per table, the parent of what runs inside it.</summary>
public sealed class CheckpointSpanTests
{
    [Fact]
    public void ACommittedCheckpointIsOneSpanWithItsRowCountsAndTheCommandsInsideItAreItsChildren()
    {
        List<Activity> stopped = [];
        using var listener = Listen(stopped);
        using var inner = new ActivitySource("Test.Npgsql");

        using (var span = CheckpointSpan.Start("sales"))
        {
            inner.StartActivity("INSERT window_revenue")?.Dispose();
            span.Fenced([4, 1]);
            span.Committed(new CheckpointRows(Partitions: 3, ClosedWindows: 12, ChangedOpenWindows: 5, DeletedOpenWindows: 12, LateEvents: 2, RejectedEvents: 1, DataGaps: 0));
        }

        var checkpoint = Assert.Single(stopped, activity => activity.Source.Name == CheckpointSpan.SourceName);
        Assert.Equal("checkpoint sales", checkpoint.DisplayName);
        Assert.Equal(ActivityStatusCode.Ok, checkpoint.Status);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["messaging.destination.name"] = "sales",
                ["checkpoint.fenced_partitions"] = "1,4",
                ["checkpoint.partitions"] = 3,
                ["checkpoint.rows.window_revenue"] = 12,
                ["checkpoint.rows.open_windows.upserted"] = 5,
                ["checkpoint.rows.open_windows.deleted"] = 12,
                ["checkpoint.rows.late_events"] = 2,
                ["checkpoint.rows.rejected_events"] = 1,
                ["checkpoint.rows.data_gaps"] = 0,
            },
            checkpoint.TagObjects.ToDictionary());
        var command = Assert.Single(stopped, activity => activity.Source.Name == "Test.Npgsql");
        Assert.Equal(checkpoint.SpanId, command.ParentSpanId);
    }

    [Fact]
    public void AFailedCheckpointIsAnErrorSpanCarryingTheException()
    {
        List<Activity> stopped = [];
        using var listener = Listen(stopped);

        using (var span = CheckpointSpan.Start("sales"))
        {
            span.Failed(new TimeoutException("PostgreSQL did not answer"));
        }

        var checkpoint = Assert.Single(stopped);
        Assert.Equal(ActivityStatusCode.Error, checkpoint.Status);
        Assert.Equal("PostgreSQL did not answer", checkpoint.StatusDescription);
        Assert.Contains(checkpoint.Events, e => e.Name == "exception");
    }

    private static ActivityListener Listen(List<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CheckpointSpan.SourceName or "Test.Npgsql",
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
