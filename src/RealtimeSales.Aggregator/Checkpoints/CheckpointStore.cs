using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Data;

namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>
/// Claims partitions and commits checkpoints in PostgreSQL, one transaction each (DESIGN.md,
/// "Exactly-once checkpoint"). Synchronous: it runs on the consumer thread, which must not move on
/// while a checkpoint is in doubt. Transient failures are retried with backoff until they pass.
/// </summary>
internal sealed class CheckpointStore(
    IDbContextFactory<SalesDbContext> contexts,
    IOptions<AggregatorOptions> options,
    ResiliencePipeline retry,
    AggregatorHealth health,
    ILogger<CheckpointStore> logger)
{
    private readonly string _topic = options.Value.Topic;

    private const string ClaimPartitions = """
        WITH previous AS (
            -- No FOR UPDATE: the upsert below locks the rows, and a locking read evaluated after this
            -- statement's own update would see nothing. Plain reads see the statement's snapshot: the old values.
            SELECT partition, cluster_id FROM partition_checkpoints
            WHERE topic = @topic AND partition = ANY(@partitions))
        INSERT INTO partition_checkpoints AS c (topic, partition, next_offset, max_ts, watermark, generation, cluster_id, checkpoint_id, updated_at)
        SELECT @topic, p, 0, NULL, NULL, 1, @cluster_id, gen_random_uuid(), now() FROM unnest(@partitions) AS p
        ON CONFLICT (topic, partition) DO UPDATE SET
            generation = c.generation + 1,
            -- The previous owner's next checkpoint names the id it last saw: it no longer matches.
            checkpoint_id = gen_random_uuid(),
            cluster_id = coalesce(excluded.cluster_id, c.cluster_id),
            -- A new cluster numbers its messages from 0 again: old offsets would name other messages.
            next_offset = CASE WHEN c.cluster_id IS DISTINCT FROM excluded.cluster_id
                                    AND c.cluster_id IS NOT NULL AND excluded.cluster_id IS NOT NULL
                               THEN 0 ELSE c.next_offset END,
            updated_at = now()
        RETURNING c.partition, c.generation, c.checkpoint_id, c.next_offset, c.max_ts, c.watermark,
            (SELECT previous.cluster_id FROM previous WHERE previous.partition = c.partition)
        """;

    private const string RecordClusterChange = """
        INSERT INTO cluster_changes (topic, previous_cluster_id, new_cluster_id, detected_at)
        VALUES (@topic, @previous, @current, now())
        ON CONFLICT DO NOTHING
        """;

    private const string ReadCheckpoints = """
        SELECT partition, generation, checkpoint_id FROM partition_checkpoints
        WHERE topic = @topic AND partition = ANY(@partitions)
        """;

    /// <summary>Bumps the generation of each partition (fencing any previous owner) and loads its state.</summary>
    public IReadOnlyList<ClaimedPartition> Claim(IReadOnlyList<int> partitions, string? clusterId, CancellationToken cancellationToken) => Execute(() =>
    {
        using var db = contexts.CreateDbContext();
        using var transaction = db.Database.BeginTransaction(IsolationLevel.ReadCommitted);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();

        List<(int Partition, long Generation, Guid CheckpointId, PartitionCheckpoint Checkpoint, string? PreviousCluster)> rows = [];
        using (var command = new NpgsqlCommand(ClaimPartitions, connection, (NpgsqlTransaction)transaction.GetDbTransaction()))
        {
            command.Parameters.AddWithValue("topic", _topic);
            command.Parameters.AddWithValue("partitions", partitions.ToArray());
            command.Parameters.Add(new NpgsqlParameter<string?>("cluster_id", clusterId) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var checkpoint = new PartitionCheckpoint(
                    reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : Micros.FromUtc(reader.GetDateTime(4)),
                    reader.IsDBNull(5) ? Watermark.MinusInfinity : Micros.FromUtc(reader.GetDateTime(5)));
                rows.Add((reader.GetInt32(0), reader.GetInt64(1), reader.GetGuid(2), checkpoint, reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        foreach (var previous in rows.Select(row => row.PreviousCluster).Distinct())
        {
            if (previous is not null && clusterId is not null && previous != clusterId)
            {
                using var record = new NpgsqlCommand(RecordClusterChange, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
                record.Parameters.AddWithValue("topic", _topic);
                record.Parameters.AddWithValue("previous", previous);
                record.Parameters.AddWithValue("current", clusterId);
                record.ExecuteNonQuery();
            }
        }

        var open = db.OpenWindows.AsNoTracking()
            .Where(window => window.Topic == _topic && partitions.Contains(window.Partition))
            .ToList()
            .ToLookup(window => window.Partition, window => new OpenWindow(window.Store, Micros.FromUtc(window.WindowStart))
            {
                RevenueCents = Micros.Cents(window.TotalRevenue),
                EventCount = window.EventCount,
            });
        transaction.Commit();

        return rows.Select(row => new ClaimedPartition(row.Partition, row.Generation, row.CheckpointId, row.Checkpoint, [.. open[row.Partition]], row.PreviousCluster))
            .ToList();
    }, cancellationToken);

    /// <summary>
    /// Writes <paramref name="deltas"/> (at most one per partition) in one transaction. Each checkpoint row is
    /// updated only if its generation is still ours and it still holds the checkpoint the delta was built on;
    /// anything else rolls the whole transaction back.
    /// </summary>
    public CommitOutcome Commit(IReadOnlyList<PartitionDelta> deltas, CancellationToken cancellationToken) => Execute(() =>
    {
        using var db = contexts.CreateDbContext();
        // Opened here, not by the transaction, so that it stays open for Diagnose after a rollback.
        db.Database.OpenConnection();
        using var transaction = db.Database.BeginTransaction(IsolationLevel.ReadCommitted);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        PostgresException? conflict = null;
        using (var batch = CheckpointBatch.Build(connection, (NpgsqlTransaction)transaction.GetDbTransaction(), _topic, deltas))
        {
            try
            {
                batch.ExecuteNonQuery();
                if (batch.BatchCommands[0].RecordsAffected == deltas.Count)
                {
                    CrashPoint.Reach(CrashPoint.BeforeCommit);
                    transaction.Commit();
                    CrashPoint.Reach(CrashPoint.AfterCommit);
                    return CommitOutcome.Committed;
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Rows we are about to write exist already: an earlier attempt may have committed after all.
                conflict = e;
            }
        }

        transaction.Rollback();
        return Diagnose(connection, deltas, conflict);
    }, cancellationToken);

    /// <summary>
    /// The fenced update did not match every partition. Either another owner bumped a generation (fenced), or an
    /// earlier attempt whose commit acknowledgement was lost had committed this very transaction: then every row
    /// holds the checkpoint id this one sets, which no other transaction can write.
    /// </summary>
    private CommitOutcome Diagnose(NpgsqlConnection connection, IReadOnlyList<PartitionDelta> deltas, PostgresException? conflict)
    {
        using var command = new NpgsqlCommand(ReadCheckpoints, connection);
        command.Parameters.AddWithValue("topic", _topic);
        command.Parameters.AddWithValue("partitions", deltas.Select(d => d.Partition).ToArray());
        var current = new Dictionary<int, (long Generation, Guid CheckpointId)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                current[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetGuid(2));
            }
        }

        List<int> fenced = [.. deltas.Where(d => !current.TryGetValue(d.Partition, out var row) || row.Generation != d.Generation)
            .Select(d => d.Partition)];
        if (fenced.Count > 0)
        {
            return new CommitOutcome(fenced);
        }

        if (deltas.All(d => current[d.Partition].CheckpointId == d.CheckpointId))
        {
            Log.CommitHadLanded(logger);
            return CommitOutcome.Committed;
        }

        var state = string.Join(", ", deltas.Select(d =>
            $"partition {d.Partition}: built on {d.PreviousCheckpointId}, sets {d.CheckpointId}, row holds {current[d.Partition].CheckpointId}"));
        throw new InvalidOperationException(
            $"A checkpoint was refused although every partition's generation is ours and no earlier attempt committed it ({state})" +
            (conflict is null ? "." : $"; {conflict.MessageText} ({conflict.ConstraintName}).") +
            " Refusing to continue rather than risk a wrong count; a restart resumes from the last committed checkpoint.", conflict);
    }

    private T Execute<T>(Func<T> action, CancellationToken cancellationToken)
    {
        var result = retry.Execute(_ => action(), cancellationToken);
        health.DatabaseReachable(true);
        return result;
    }
}
