using System.Diagnostics;
using RealtimeSales.Aggregator.Reporting;

namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>
/// Commits sealed checkpoints on a thread-pool thread while the consume thread goes on counting into the next
/// delta; one commit at a time, so deltas of a partition commit in the order they were sealed. The fence and the
/// lost-acknowledgement diagnosis are the <see cref="CheckpointStore"/>'s, unchanged: a fenced partition is left out
/// and the rest is committed again, as before.
/// </summary>
/// <remarks>
/// The consume thread waited ~45–90 ms for every checkpoint, about 14% of its time (issue 12); now it waits only
/// when it must: before partitions are released, at a stop, and when a commit has been pending for so long that
/// it should stop reading (PostgreSQL down: memory would grow with the backlog).
/// </remarks>
internal sealed class CheckpointPipeline(CheckpointStore store, string topic)
{
    private Task<CommitReport>? _inFlight;
    private long _startedAt;

    /// <summary>A commit is running.</summary>
    public bool IsBusy => _inFlight is { IsCompleted: false };

    /// <summary>How long the running commit has been running.</summary>
    public TimeSpan Pending => _inFlight is null ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_startedAt);

    /// <summary>
    /// Sent, but not known to have committed: a stop cancelled it. It must go again, before anything sealed after it
    /// (the store recognises it if it had landed).
    /// </summary>
    public List<PartitionDelta>? InDoubt { get; private set; }

    /// <summary>Starts committing <paramref name="deltas"/> (at most one per partition); the previous commit must be complete.</summary>
    public void Begin(List<PartitionDelta> deltas, CancellationToken cancellationToken)
    {
        if (_inFlight is not null)
        {
            throw new InvalidOperationException("A checkpoint is already being committed.");
        }

        InDoubt = deltas;
        List<PartitionDelta> sent = [.. deltas];
        _startedAt = Stopwatch.GetTimestamp();
        _inFlight = Task.Run(() => Commit(sent, cancellationToken), CancellationToken.None);
    }

    /// <summary>The report of the commit that finished since the last call, if one did; rethrows what the commit threw.</summary>
    public CommitReport? TryComplete() => _inFlight is { IsCompleted: true } ? Complete() : null;

    /// <summary>Waits for the running commit, if any, and returns its report; rethrows what the commit threw.</summary>
    public CommitReport? Complete()
    {
        if (_inFlight is not { } inFlight)
        {
            return null;
        }

        _inFlight = null;
        var report = inFlight.GetAwaiter().GetResult();
        InDoubt = null;
        return report;
    }

    /// <summary>Forgets a partition's part of a commit in doubt: it was released, and the next owner finds out what landed.</summary>
    public void Forget(int partition) => InDoubt?.RemoveAll(delta => delta.Partition == partition);

    private CommitReport Commit(List<PartitionDelta> deltas, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Current on this thread: the PostgreSQL command spans of the commit nest under it.
        using var span = CheckpointSpan.Start(topic);
        List<PartitionDelta> fenced = [];
        var pending = deltas;
        try
        {
            while (pending.Count > 0)
            {
                var outcome = store.Commit(pending, cancellationToken);
                if (outcome.IsCommitted)
                {
                    break;
                }

                fenced.AddRange(pending.Where(delta => outcome.FencedPartitions.Contains(delta.Partition)));
                pending = [.. pending.Where(delta => !outcome.FencedPartitions.Contains(delta.Partition))];
            }
        }
        catch (Exception e)
        {
            span.Failed(e);
            throw;
        }

        if (fenced.Count > 0)
        {
            span.Fenced([.. fenced.Select(delta => delta.Partition)]);
        }

        var rows = CheckpointRows.Of(pending);
        span.Committed(rows);
        return new CommitReport(pending, fenced, rows, Stopwatch.GetElapsedTime(started));
    }
}
