using Npgsql;
using NpgsqlTypes;
using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>
/// Builds the one round trip a checkpoint needs: the fenced checkpoint update first, then every row that
/// changed, each table written with a single multi-row statement over <c>unnest</c>ed arrays.
/// Cost is proportional to what changed since the last checkpoint, not to the state held.
/// </summary>
internal static class CheckpointBatch
{
    public const string UpdateCheckpoints = """
        UPDATE partition_checkpoints c
        SET next_offset = u.next_offset, max_ts = u.max_ts, watermark = u.watermark,
            checkpoint_id = u.checkpoint_id, updated_at = now()
        FROM unnest(@partition, @generation, @previous_checkpoint_id, @checkpoint_id, @next_offset, @max_ts, @watermark)
            AS u(partition, generation, previous_checkpoint_id, checkpoint_id, next_offset, max_ts, watermark)
        WHERE c.topic = @topic AND c.partition = u.partition
          AND c.generation = u.generation AND c.checkpoint_id = u.previous_checkpoint_id
        """;

    /// <summary>
    /// Each partition's share of a window is a row of its own, written once (its key refuses a second copy);
    /// <c>window_revenue</c> is the sum of the shares, kept in the same statement. Shares of one store and window
    /// from several partitions in one checkpoint are summed before the upsert, which may touch a row only once.
    /// </summary>
    private const string InsertClosedWindows = """
        WITH shares AS (
            INSERT INTO window_shares (topic, partition, cluster_id, store, window_start, window_end, total_revenue, event_count, closed_at)
            SELECT @topic, * FROM unnest(@partition, @cluster_id, @store, @window_start, @window_end, @total_revenue, @event_count, @closed_at)
            RETURNING store, window_start, window_end, total_revenue, event_count, closed_at)
        INSERT INTO window_revenue AS w (store, window_start, window_end, total_revenue, event_count, closed_at)
        SELECT store, window_start, max(window_end), sum(total_revenue), sum(event_count), max(closed_at)
        FROM shares GROUP BY store, window_start
        ON CONFLICT (store, window_start) DO UPDATE SET
            total_revenue = w.total_revenue + excluded.total_revenue,
            event_count = w.event_count + excluded.event_count,
            closed_at = greatest(w.closed_at, excluded.closed_at)
        """;

    private const string InsertLateEvents = """
        INSERT INTO late_events (topic, partition, kafka_offset, cluster_id, store, ts, price, window_start, received_at)
        SELECT @topic, * FROM unnest(@partition, @kafka_offset, @cluster_id, @store, @ts, @price, @window_start, @received_at)
        """;

    private const string InsertRejectedEvents = """
        INSERT INTO rejected_events (topic, partition, kafka_offset, cluster_id, kafka_key, payload, reason, received_at)
        SELECT @topic, * FROM unnest(@partition, @kafka_offset, @cluster_id, @kafka_key, @payload, @reason, @received_at)
        """;

    private const string UpsertOpenWindows = """
        INSERT INTO open_windows (topic, partition, store, window_start, total_revenue, event_count)
        SELECT @topic, * FROM unnest(@partition, @store, @window_start, @total_revenue, @event_count)
        ON CONFLICT (topic, partition, store, window_start)
        DO UPDATE SET total_revenue = excluded.total_revenue, event_count = excluded.event_count
        """;

    private const string DeleteOpenWindows = """
        DELETE FROM open_windows o
        USING unnest(@partition, @store, @window_start) AS d(partition, store, window_start)
        WHERE o.topic = @topic AND o.partition = d.partition AND o.store = d.store AND o.window_start = d.window_start
        """;

    private const string InsertGaps = """
        INSERT INTO data_gaps (topic, partition, from_offset, cluster_id, to_offset, reason, detected_at)
        SELECT @topic, * FROM unnest(@partition, @from_offset, @cluster_id, @to_offset, @reason, @detected_at)
        """;

    /// <summary>The batch for <paramref name="deltas"/> (one per partition); its first command must update exactly one row per delta.</summary>
    public static NpgsqlBatch Build(NpgsqlConnection connection, NpgsqlTransaction transaction, string topic,
        IReadOnlyList<PartitionDelta> deltas)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(UpdateCheckpoints, topic,
            Array("partition", deltas, d => d.Partition, NpgsqlDbType.Integer),
            Array("generation", deltas, d => d.Generation, NpgsqlDbType.Bigint),
            Array("previous_checkpoint_id", deltas, d => d.PreviousCheckpointId, NpgsqlDbType.Uuid),
            Array("checkpoint_id", deltas, d => d.CheckpointId, NpgsqlDbType.Uuid),
            Array("next_offset", deltas, d => d.Changes.Checkpoint.NextOffset, NpgsqlDbType.Bigint),
            Array("max_ts", deltas, d => d.Changes.Checkpoint.MaxTimestampMicros is { } ts ? Micros.ToUtc(ts) : (DateTime?)null, NpgsqlDbType.TimestampTz),
            Array("watermark", deltas, d => Timestamp(d.Changes.Checkpoint.WatermarkMicros), NpgsqlDbType.TimestampTz)));

        var closed = Rows(deltas, changes => changes.ClosedWindows);
        if (closed.Count > 0)
        {
            batch.BatchCommands.Add(Command(InsertClosedWindows, topic,
                Array("partition", closed, r => r.Partition, NpgsqlDbType.Integer),
                Array("cluster_id", closed, r => r.ClusterId, NpgsqlDbType.Text),
                Array("store", closed, r => r.Row.Store, NpgsqlDbType.Text),
                Array("window_start", closed, r => Micros.ToUtc(r.Row.WindowStartMicros), NpgsqlDbType.TimestampTz),
                Array("window_end", closed, r => Micros.ToUtc(r.Row.WindowEndMicros), NpgsqlDbType.TimestampTz),
                Array("total_revenue", closed, r => Micros.Money(r.Row.RevenueCents), NpgsqlDbType.Numeric),
                Array("event_count", closed, r => r.Row.EventCount, NpgsqlDbType.Integer),
                Array("closed_at", closed, r => Micros.ToUtc(r.Row.ClosedAtMicros), NpgsqlDbType.TimestampTz)));
        }

        var late = Rows(deltas, changes => changes.LateEvents);
        if (late.Count > 0)
        {
            batch.BatchCommands.Add(Command(InsertLateEvents, topic,
                Array("partition", late, r => r.Partition, NpgsqlDbType.Integer),
                Array("kafka_offset", late, r => r.Row.Offset, NpgsqlDbType.Bigint),
                Array("cluster_id", late, r => r.ClusterId, NpgsqlDbType.Text),
                Array("store", late, r => r.Row.Store, NpgsqlDbType.Text),
                Array("ts", late, r => Micros.ToUtc(r.Row.TimestampMicros), NpgsqlDbType.TimestampTz),
                Array("price", late, r => Micros.Money(r.Row.PriceCents), NpgsqlDbType.Numeric),
                Array("window_start", late, r => Micros.ToUtc(r.Row.WindowStartMicros), NpgsqlDbType.TimestampTz),
                Array("received_at", late, r => Micros.ToUtc(r.Row.ReceivedAtMicros), NpgsqlDbType.TimestampTz)));
        }

        var rejected = Rows(deltas, changes => changes.RejectedEvents);
        if (rejected.Count > 0)
        {
            batch.BatchCommands.Add(Command(InsertRejectedEvents, topic,
                Array("partition", rejected, r => r.Partition, NpgsqlDbType.Integer),
                Array("kafka_offset", rejected, r => r.Row.Offset, NpgsqlDbType.Bigint),
                Array("cluster_id", rejected, r => r.ClusterId, NpgsqlDbType.Text),
                Array("kafka_key", rejected, r => r.Row.Key, NpgsqlDbType.Bytea),
                Array("payload", rejected, r => r.Row.Payload, NpgsqlDbType.Bytea),
                Array("reason", rejected, r => r.Row.Reason, NpgsqlDbType.Text),
                Array("received_at", rejected, r => Micros.ToUtc(r.Row.ReceivedAtMicros), NpgsqlDbType.TimestampTz)));
        }

        var changed = Rows(deltas, changes => changes.ChangedOpenWindows);
        if (changed.Count > 0)
        {
            batch.BatchCommands.Add(Command(UpsertOpenWindows, topic,
                Array("partition", changed, r => r.Partition, NpgsqlDbType.Integer),
                Array("store", changed, r => r.Row.Store, NpgsqlDbType.Text),
                Array("window_start", changed, r => Micros.ToUtc(r.Row.WindowStartMicros), NpgsqlDbType.TimestampTz),
                Array("total_revenue", changed, r => Micros.Money(r.Row.RevenueCents), NpgsqlDbType.Numeric),
                Array("event_count", changed, r => r.Row.EventCount, NpgsqlDbType.Integer)));
        }

        var deleted = Rows(deltas, changes => changes.DeletedOpenWindows);
        if (deleted.Count > 0)
        {
            batch.BatchCommands.Add(Command(DeleteOpenWindows, topic,
                Array("partition", deleted, r => r.Partition, NpgsqlDbType.Integer),
                Array("store", deleted, r => r.Row.Store, NpgsqlDbType.Text),
                Array("window_start", deleted, r => Micros.ToUtc(r.Row.WindowStartMicros), NpgsqlDbType.TimestampTz)));
        }

        var gaps = Rows(deltas, changes => changes.Gaps);
        if (gaps.Count > 0)
        {
            batch.BatchCommands.Add(Command(InsertGaps, topic,
                Array("partition", gaps, r => r.Partition, NpgsqlDbType.Integer),
                Array("from_offset", gaps, r => r.Row.FromOffset, NpgsqlDbType.Bigint),
                Array("cluster_id", gaps, r => r.ClusterId, NpgsqlDbType.Text),
                Array("to_offset", gaps, r => r.Row.ToOffset, NpgsqlDbType.Bigint),
                Array("reason", gaps, r => r.Row.Reason, NpgsqlDbType.Text),
                Array("detected_at", gaps, r => Micros.ToUtc(r.Row.DetectedAtMicros), NpgsqlDbType.TimestampTz)));
        }

        return batch;
    }

    /// <summary>The watermark as a timestamp; minus infinity (no event yet) is stored as NULL.</summary>
    public static DateTime? Timestamp(long watermarkMicros) =>
        watermarkMicros == Watermark.MinusInfinity ? null : Micros.ToUtc(watermarkMicros);

    private static NpgsqlBatchCommand Command(string sql, string topic, params NpgsqlParameter[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        if (sql.Contains("@topic", StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("topic", topic));
        }

        command.Parameters.AddRange(arrays);
        return command;
    }

    private static NpgsqlParameter Array<TRow, TValue>(string name, IReadOnlyList<TRow> rows, Func<TRow, TValue> value, NpgsqlDbType type)
    {
        var values = new TValue[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(rows[i]);
        }

        return new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values };
    }

    private static List<PartitionRow<TRow>> Rows<TRow>(IReadOnlyList<PartitionDelta> deltas, Func<WindowDelta, IReadOnlyList<TRow>> rows) =>
        [.. deltas.SelectMany(delta => rows(delta.Changes).Select(row => new PartitionRow<TRow>(delta.Partition, delta.ClusterId, row)))];

    private readonly record struct PartitionRow<TRow>(int Partition, string ClusterId, TRow Row);
}
