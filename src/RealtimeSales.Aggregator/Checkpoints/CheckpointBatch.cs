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
        SET next_offset = u.next_offset, max_ts = u.max_ts, watermark = u.watermark, updated_at = now()
        FROM unnest(@partition, @generation, @committed_offset, @next_offset, @max_ts, @watermark)
            AS u(partition, generation, committed_offset, next_offset, max_ts, watermark)
        WHERE c.topic = @topic AND c.partition = u.partition
          AND c.generation = u.generation AND c.next_offset = u.committed_offset
        """;

    private const string InsertClosedWindows = """
        INSERT INTO window_revenue (store, window_start, window_end, total_revenue, event_count, closed_at)
        SELECT * FROM unnest(@store, @window_start, @window_end, @total_revenue, @event_count, @closed_at)
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

    /// <summary>The batch for <paramref name="partitions"/>; its first command must update exactly one row per partition.</summary>
    public static NpgsqlBatch Build(NpgsqlConnection connection, NpgsqlTransaction transaction, string topic,
        IReadOnlyList<OwnedPartition> partitions)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(UpdateCheckpoints, topic,
            Array("partition", partitions, p => p.Partition, NpgsqlDbType.Integer),
            Array("generation", partitions, p => p.Generation, NpgsqlDbType.Bigint),
            Array("committed_offset", partitions, p => p.Windows.CommittedNextOffset, NpgsqlDbType.Bigint),
            Array("next_offset", partitions, p => p.Windows.NextOffset, NpgsqlDbType.Bigint),
            Array("max_ts", partitions, p => p.Windows.MaxTimestampMicros is { } ts ? Micros.ToUtc(ts) : (DateTime?)null, NpgsqlDbType.TimestampTz),
            Array("watermark", partitions, p => Timestamp(p.Windows.WatermarkMicros), NpgsqlDbType.TimestampTz)));

        var closed = Rows(partitions, p => p.Windows.ClosedWindows);
        if (closed.Count > 0)
        {
            batch.BatchCommands.Add(Command(InsertClosedWindows, topic,
                Array("store", closed, r => r.Row.Store, NpgsqlDbType.Text),
                Array("window_start", closed, r => Micros.ToUtc(r.Row.WindowStartMicros), NpgsqlDbType.TimestampTz),
                Array("window_end", closed, r => Micros.ToUtc(r.Row.WindowEndMicros), NpgsqlDbType.TimestampTz),
                Array("total_revenue", closed, r => Micros.Money(r.Row.RevenueCents), NpgsqlDbType.Numeric),
                Array("event_count", closed, r => r.Row.EventCount, NpgsqlDbType.Integer),
                Array("closed_at", closed, r => Micros.ToUtc(r.Row.ClosedAtMicros), NpgsqlDbType.TimestampTz)));
        }

        var late = Rows(partitions, p => p.Windows.LateEvents);
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

        var rejected = Rows(partitions, p => p.Windows.RejectedEvents);
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

        var changed = Rows(partitions, p => p.Windows.ChangedOpenWindows);
        if (changed.Count > 0)
        {
            batch.BatchCommands.Add(Command(UpsertOpenWindows, topic,
                Array("partition", changed, r => r.Partition, NpgsqlDbType.Integer),
                Array("store", changed, r => r.Row.Store, NpgsqlDbType.Text),
                Array("window_start", changed, r => Micros.ToUtc(r.Row.WindowStartMicros), NpgsqlDbType.TimestampTz),
                Array("total_revenue", changed, r => Micros.Money(r.Row.RevenueCents), NpgsqlDbType.Numeric),
                Array("event_count", changed, r => r.Row.EventCount, NpgsqlDbType.Integer)));
        }

        var deleted = Rows(partitions, p => p.Windows.DeletedOpenWindows);
        if (deleted.Count > 0)
        {
            batch.BatchCommands.Add(Command(DeleteOpenWindows, topic,
                Array("partition", deleted, r => r.Partition, NpgsqlDbType.Integer),
                Array("store", deleted, r => r.Row.Store, NpgsqlDbType.Text),
                Array("window_start", deleted, r => Micros.ToUtc(r.Row.WindowStartMicros), NpgsqlDbType.TimestampTz)));
        }

        var gaps = Rows(partitions, p => p.Windows.Gaps);
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

    private static List<PartitionRow<TRow>> Rows<TRow>(IReadOnlyList<OwnedPartition> partitions, Func<OwnedPartition, IEnumerable<TRow>> rows) =>
        [.. partitions.SelectMany(partition => rows(partition).Select(row => new PartitionRow<TRow>(partition.Partition, partition.ClusterId, row)))];

    private readonly record struct PartitionRow<TRow>(int Partition, string ClusterId, TRow Row);
}
