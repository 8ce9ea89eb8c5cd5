using Confluent.Kafka;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;

namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>
/// Plays a <see cref="PipelineSchedule"/> through the real engine and partition bookkeeping
/// (<see cref="PartitionWindows"/>, <see cref="OwnedPartition"/>) against a checkpoint target, the way the consume
/// loop drives them, then lets every partition drain and go idle. Breaches of the rules seen on the way are collected.
/// </summary>
internal sealed class ScheduleRun
{
    public static readonly WindowSpec Spec = new(PipelineSchedule.WindowSize, 5 * PipelineSchedule.Second, 20 * PipelineSchedule.Second);

    private readonly PipelineSchedule _schedule;
    private readonly ICheckpointTarget _target;
    private readonly string[] _stores;
    private readonly int[] _available;
    private readonly int[] _ownerOf;
    private readonly Dictionary<int, OwnedPartition>[] _owners = [[], []];
    private readonly HashSet<(int Owner, int Partition)> _stalled = [];
    private long _wall = 1_000 * PipelineSchedule.Second;

    private ScheduleRun(PipelineSchedule schedule, ICheckpointTarget target, string storePrefix)
    {
        _schedule = schedule;
        _target = target;
        _stores = [.. Enumerable.Range(0, PipelineSchedule.Stores).Select(i => $"{storePrefix}s{i}")];
        _available = new int[schedule.Logs.Length];
        _ownerOf = [.. Enumerable.Range(0, schedule.Logs.Length).Select(partition => partition % 2)];
    }

    public List<string> Violations { get; } = [];

    /// <summary>Runs the whole schedule; <paramref name="storePrefix"/> keeps runs sharing one database apart.</summary>
    public static ScheduleRun Play(PipelineSchedule schedule, ICheckpointTarget target, string storePrefix = "")
    {
        var run = new ScheduleRun(schedule, target, storePrefix);
        run.Restart(0);
        run.Restart(1);
        foreach (var step in schedule.Steps)
        {
            run.Apply(step);
        }

        run.Drain();
        return run;
    }

    public string Store(int index) => _stores[index];

    private void Apply(ScheduleStep step)
    {
        var owned = _owners[step.Owner];
        var partition = step.Partition;
        switch (step.Kind)
        {
            case StepKind.Arrive:
                _available[partition] = Math.Min(_schedule.Logs[partition].Messages.Length, _available[partition] + step.Amount);
                FetchArrivals(partition);
                break;
            case StepKind.Consume when owned.TryGetValue(partition, out var consumer):
                Consume(consumer, step.Amount);
                break;
            case StepKind.End when owned.TryGetValue(partition, out var reader):
                // A fresh end is where the broker's log ends; a stale one, queued before a stall, may lag behind it.
                if (reader.Windows.NextOffset >= _available[partition] || _stalled.Contains((step.Owner, partition)))
                {
                    reader.EndReached(reader.Windows.NextOffset, _wall);
                }

                break;
            case StepKind.Wall:
                _wall += step.Amount * PipelineSchedule.Second;
                break;
            case StepKind.Idle:
                Idle(step.Owner);
                break;
            case StepKind.Stall:
                foreach (var (stalled, entry) in owned)
                {
                    entry.Stalled();
                    _stalled.Add((step.Owner, stalled));
                }

                break;
            case StepKind.Confirm:
                foreach (var (confirmed, entry) in owned.Where(entry => entry.Value.NeedsEndConfirmation))
                {
                    entry.EndConfirmed(_available[confirmed], _wall);
                    _stalled.Remove((step.Owner, confirmed));
                }

                break;
            case StepKind.Checkpoint:
                Checkpoint(step.Owner, loseAcknowledgement: false);
                break;
            case StepKind.LostAck:
                Checkpoint(step.Owner, loseAcknowledgement: true);
                break;
            case StepKind.Crash:
                Restart(step.Owner);
                break;
            case StepKind.Move:
                Move(partition, clean: step.Amount % 2 == 0);
                break;
        }
    }

    /// <summary>
    /// A consumer that is not stalled fetches what arrives at once (within a fetch wait, far below any idle timeout)
    /// and sees the end again; a stalled one (or a zombie, frozen past its session) sees nothing until it runs again.
    /// </summary>
    private void FetchArrivals(int partition)
    {
        for (var owner = 0; owner < _owners.Length; owner++)
        {
            if (_owners[owner].TryGetValue(partition, out var owned) && !_stalled.Contains((owner, partition)))
            {
                Consume(owned, int.MaxValue);
                owned.EndReached(owned.Windows.NextOffset, _wall);
            }
        }
    }

    private void Consume(OwnedPartition owned, int count)
    {
        var log = _schedule.Logs[owned.Partition];
        for (var read = 0; read < count && owned.Windows.NextOffset < _available[owned.Partition]; read++)
        {
            owned.MessageReceived();
            if (log.Deleted is { } deleted && owned.Windows.NextOffset >= deleted.From && owned.Windows.NextOffset < deleted.To)
            {
                owned.Windows.SkipTo(deleted.To, "retention", _wall);
                continue;
            }

            var offset = owned.Windows.NextOffset;
            var message = log.Messages[offset];
            if (message.Store < 0)
            {
                owned.Windows.Reject(offset, null, [0xFF], "malformed", _wall);
            }
            else
            {
                owned.Windows.Add(offset, new Sale(_stores[message.Store], message.PriceCents, message.TimestampMicros), _wall);
            }
        }
    }

    private void Idle(int owner)
    {
        foreach (var (partition, owned) in _owners[owner])
        {
            var before = owned.Windows.WatermarkMicros;
            owned.Windows.AdvanceIfIdle(_wall);
            if (owned.Windows.WatermarkMicros != before && owned.Windows.NextOffset < _available[partition])
            {
                Violations.Add($"aggregator {owner} advanced partition {partition}'s watermark by the idle rule at offset " +
                    $"{owned.Windows.NextOffset} with {_available[partition]} messages at the broker");
            }
        }
    }

    private void Checkpoint(int owner, bool loseAcknowledgement)
    {
        var owned = _owners[owner];
        List<Checkpoints.PartitionDelta> deltas = [.. owned.Values.Where(p => p.Windows.HasChanges).Select(p => p.Seal())];
        while (deltas.Count > 0)
        {
            var outcome = _target.Commit(deltas);
            if (outcome.IsCommitted)
            {
                if (loseAcknowledgement)
                {
                    var before = _target.Read().Render();
                    if (!_target.Commit(deltas).IsCommitted || _target.Read().Render() != before)
                    {
                        Violations.Add($"aggregator {owner}: a transaction sent again after a lost acknowledgement was not recognised as landed");
                    }
                }

                break;
            }

            foreach (var fenced in outcome.FencedPartitions)
            {
                if (_ownerOf[fenced] == owner)
                {
                    Violations.Add($"aggregator {owner} was fenced from partition {fenced}, which it rightfully owns");
                }

                owned.Remove(fenced);
            }

            deltas.RemoveAll(delta => outcome.FencedPartitions.Contains(delta.Partition));
        }
    }

    /// <summary>A crash loses everything in memory; the restarted aggregator claims its partitions from the checkpoints.</summary>
    private void Restart(int owner)
    {
        _owners[owner].Clear();
        _stalled.RemoveWhere(entry => entry.Owner == owner);
        Claim(owner, [.. Enumerable.Range(0, _ownerOf.Length).Where(partition => _ownerOf[partition] == owner)]);
    }

    /// <summary>
    /// A rebalance. Clean: the old owner checkpoints and lets go before the new one claims. Otherwise the old owner
    /// missed it (frozen) and keeps its copy as a zombie, whose next checkpoint the new claim must fence.
    /// </summary>
    private void Move(int partition, bool clean)
    {
        var from = _ownerOf[partition];
        var to = 1 - from;
        if (clean)
        {
            Checkpoint(from, loseAcknowledgement: false);
            _owners[from].Remove(partition);
        }
        else if (_owners[from].TryGetValue(partition, out var zombie))
        {
            zombie.Stalled();
            _stalled.Add((from, partition));
        }

        _ownerOf[partition] = to;
        Claim(to, [partition]);
    }

    private void Claim(int owner, IReadOnlyList<int> partitions)
    {
        if (partitions.Count == 0)
        {
            return;
        }

        foreach (var claim in _target.Claim(partitions))
        {
            // A new assignment fetches afresh: nothing queued before it is delivered.
            _stalled.Remove((owner, claim.Partition));
            _owners[owner][claim.Partition] = new OwnedPartition(new TopicPartition("sales", claim.Partition), claim, "cluster-a",
                new PartitionWindows(Spec, claim.Checkpoint, claim.OpenWindows));
        }
    }

    /// <summary>
    /// Traffic stops: everything arrives, the rightful owners read it, ask the broker where the logs end and see
    /// them; time passes, the idle rule closes every window, and a last checkpoint (zombies are fenced).
    /// </summary>
    private void Drain()
    {
        for (var partition = 0; partition < _available.Length; partition++)
        {
            var owner = _ownerOf[partition];
            _stalled.Remove((owner, partition));
            _available[partition] = _schedule.Logs[partition].Messages.Length;
            _owners[owner][partition].EndConfirmed(_available[partition], _wall);
            FetchArrivals(partition);
        }

        _wall += 1_000 * PipelineSchedule.Second;
        for (var owner = 0; owner < _owners.Length; owner++)
        {
            Idle(owner);
            Checkpoint(owner, loseAcknowledgement: false);
        }
    }
}
