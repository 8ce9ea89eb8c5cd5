using Npgsql;

namespace RealtimeSales.Oracle;

/// <summary>
/// What the aggregators published, read from PostgreSQL's public tables only (DESIGN.md, Tables) and only through
/// their documented columns, so that <c>window_revenue</c> may be a table or a view. Rows are kept as lists: a
/// duplicate is seen as one, never collapsed into a set.
/// </summary>
public sealed record PublishedTables(
    IReadOnlyList<WindowRow> Windows,
    IReadOnlyList<LateRow> Late,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<CheckpointRow> Checkpoints,
    IReadOnlyList<IncidentRow> DataGaps,
    IReadOnlyList<IncidentRow> ClusterChanges,
    long OpenWindows,
    DateTimeOffset ReadAt)
{
    /// <summary>Events the tables account for: in windows, late or rejected.</summary>
    public long EventCount => Windows.Sum(window => window.EventCount) + Late.Count + Rejected.Count;

    public static async Task<PublishedTables> ReadAsync(string connectionString, string topic, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for all tables: a checkpoint committing in between cannot make them disagree.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var windows = await ReadAsync(connection, "SELECT store, window_start, window_end, total_revenue, event_count, closed_at FROM window_revenue", topic,
            r => new WindowRow(r.GetString(0), Ticks(r.GetDateTime(1)), Ticks(r.GetDateTime(2)), r.GetDecimal(3), r.GetFieldValue<long>(4),
                r.IsDBNull(5) ? null : r.GetDateTime(5)), cancellationToken);
        var late = await ReadAsync(connection,
            "SELECT cluster_id, partition, kafka_offset, store, ts, price, window_start FROM late_events WHERE topic = @topic", topic,
            r => new LateRow(Id(r), r.GetString(3), Ticks(r.GetDateTime(4)) / 10, r.GetDecimal(5), Ticks(r.GetDateTime(6))), cancellationToken);
        var rejected = await ReadAsync(connection,
            "SELECT cluster_id, partition, kafka_offset, kafka_key, payload, reason FROM rejected_events WHERE topic = @topic", topic,
            r => new RejectedRow(Id(r), r.IsDBNull(3) ? null : r.GetFieldValue<byte[]>(3), r.IsDBNull(4) ? null : r.GetFieldValue<byte[]>(4),
                r.IsDBNull(5) ? null : r.GetString(5)), cancellationToken);
        var checkpoints = await ReadAsync(connection, "SELECT partition, next_offset, watermark FROM partition_checkpoints WHERE topic = @topic", topic,
            r => new CheckpointRow(r.GetInt32(0), r.GetInt64(1), r.IsDBNull(2) ? null : Ticks(r.GetDateTime(2))), cancellationToken);
        var gaps = await ReadAsync(connection, "SELECT partition, from_offset, to_offset, cluster_id, reason FROM data_gaps WHERE topic = @topic", topic,
            r => new IncidentRow("data_gaps", $"partition {r.GetInt32(0)} offsets {r.GetInt64(1)}..{r.GetInt64(2)} (cluster {r.GetString(3)}): {r.GetString(4)}"),
            cancellationToken);
        var changes = await ReadAsync(connection,
            "SELECT previous_cluster_id, new_cluster_id FROM cluster_changes WHERE topic = @topic ORDER BY detected_at", topic,
            r => new IncidentRow("cluster_changes", $"{r.GetString(0)} -> {r.GetString(1)}"), cancellationToken);
        var open = (await ReadAsync(connection, "SELECT count(*) FROM open_windows WHERE topic = @topic", topic, r => r.GetInt64(0), cancellationToken)).Single();
        return new PublishedTables(windows, late, rejected, checkpoints, gaps, changes, open, DateTimeOffset.UtcNow);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, string topic, Func<NpgsqlDataReader, T> row,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("@topic", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("topic", topic);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<T> rows = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static MessageId Id(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2));

    private static long Ticks(DateTime utc) => utc.Ticks - DateTime.UnixEpoch.Ticks;
}
