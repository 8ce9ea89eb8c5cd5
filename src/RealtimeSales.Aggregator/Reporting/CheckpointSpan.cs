using System.Diagnostics;

namespace RealtimeSales.Aggregator.Reporting;

/// <summary>
/// A checkpoint as a trace span (<c>checkpoint sales</c>, activity source <c>RealtimeSales.Aggregator</c>) tagged
/// with the rows it wrote per table; the PostgreSQL command spans of Aspire's Npgsql integration nest under it when it
/// is current around the commit. One span per checkpoint, never per event; nothing is allocated when nobody listens.
/// </summary>
internal sealed class CheckpointSpan : IDisposable
{
    /// <summary>The aggregator's activity source: the application name, which the service defaults export.</summary>
    public const string SourceName = "RealtimeSales.Aggregator";

    private static readonly ActivitySource s_source = new(SourceName);

    private readonly Activity? _activity;

    private CheckpointSpan(Activity? activity) => _activity = activity;

    /// <summary>Starts the span, current on this thread (and on what the commit awaits) until disposed.</summary>
    public static CheckpointSpan Start(string topic)
    {
        var activity = s_source.StartActivity($"checkpoint {topic}", ActivityKind.Internal);
        activity?.SetTag("messaging.destination.name", topic);
        return new CheckpointSpan(activity);
    }

    /// <summary>The transaction committed these rows.</summary>
    public void Committed(CheckpointRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_activity is not { } activity)
        {
            return;
        }

        activity.SetTag("checkpoint.partitions", rows.Partitions);
        activity.SetTag("checkpoint.rows.window_revenue", rows.ClosedWindows);
        activity.SetTag("checkpoint.rows.open_windows.upserted", rows.ChangedOpenWindows);
        activity.SetTag("checkpoint.rows.open_windows.deleted", rows.DeletedOpenWindows);
        activity.SetTag("checkpoint.rows.late_events", rows.LateEvents);
        activity.SetTag("checkpoint.rows.rejected_events", rows.RejectedEvents);
        activity.SetTag("checkpoint.rows.data_gaps", rows.DataGaps);
        activity.SetStatus(ActivityStatusCode.Ok);
    }

    /// <summary>Another owner's generation refused these partitions' part; the rest was committed without them.</summary>
    public void Fenced(IReadOnlyCollection<int> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        _activity?.SetTag("checkpoint.fenced_partitions", string.Join(',', partitions.Order()));
    }

    /// <summary>The transaction did not commit (it is retried, or replayed by the next owner).</summary>
    public void Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        _activity?.AddException(exception);
    }

    public void Dispose() => _activity?.Dispose();
}
