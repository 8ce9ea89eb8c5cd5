using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>
/// The checkpoint tables in memory, with PostgreSQL's keys and <see cref="CheckpointStore"/>'s rules: a delta
/// applies only while its partition's row holds its generation and the checkpoint it was built on; a transaction
/// is all or nothing; a delta that already landed is recognised by its id; a duplicate key fails loudly.
/// </summary>
internal sealed class CheckpointModel : ICheckpointTarget
{
    private readonly Dictionary<int, Row> _rows = [];
    private readonly CommittedTables _tables = new();

    public IReadOnlyList<ClaimedPartition> Claim(IReadOnlyList<int> partitions) =>
        [.. partitions.Select(partition =>
        {
            var row = _rows.TryGetValue(partition, out var existing)
                ? existing with { Generation = existing.Generation + 1, CheckpointId = Guid.NewGuid() }
                : new Row(1, Guid.NewGuid(), PartitionCheckpoint.Empty(0));
            _rows[partition] = row;
            return new ClaimedPartition(partition, row.Generation, row.CheckpointId, row.Checkpoint,
                [.. _tables.OpenWindows.Where(w => w.Key.Partition == partition)
                    .Select(w => new OpenWindow(w.Key.Store, w.Key.Start) { RevenueCents = w.Value.Revenue, EventCount = w.Value.Count })],
                PreviousClusterId: null);
        })];

    public CommitOutcome Commit(IReadOnlyList<PartitionDelta> deltas)
    {
        List<int> fenced = [.. deltas.Where(d => _rows[d.Partition].Generation != d.Generation).Select(d => d.Partition)];
        if (fenced.Count > 0)
        {
            return new CommitOutcome(fenced);
        }

        if (deltas.All(d => _rows[d.Partition].CheckpointId == d.CheckpointId))
        {
            return CommitOutcome.Committed;
        }

        Assert.All(deltas, d => Assert.Equal(_rows[d.Partition].CheckpointId, d.PreviousCheckpointId));
        foreach (var delta in deltas)
        {
            _tables.Apply(delta.Partition, delta.Changes);
            _rows[delta.Partition] = _rows[delta.Partition] with { CheckpointId = delta.CheckpointId, Checkpoint = delta.Changes.Checkpoint };
        }

        return CommitOutcome.Committed;
    }

    public CommittedTables Read() => _tables;

    private sealed record Row(long Generation, Guid CheckpointId, PartitionCheckpoint Checkpoint);
}
