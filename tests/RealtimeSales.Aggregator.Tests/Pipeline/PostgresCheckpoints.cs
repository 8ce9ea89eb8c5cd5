using Npgsql;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Tests.Windowing;
using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>The real <see cref="CheckpointStore"/> on PostgreSQL as a schedule's checkpoint target, read back through SQL.</summary>
internal sealed class PostgresCheckpoints(CheckpointStore store, string connectionString, string topic, string storePrefix) : ICheckpointTarget
{
    public IReadOnlyList<ClaimedPartition> Claim(IReadOnlyList<int> partitions) =>
        store.Claim(partitions, "cluster-a", TestContext.Current.CancellationToken);

    public CommitOutcome Commit(IReadOnlyList<PartitionDelta> deltas) => store.Commit(deltas, TestContext.Current.CancellationToken);

    public CommittedTables Read()
    {
        var tables = new CommittedTables();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Query(connection, "SELECT store, window_start, total_revenue, event_count FROM window_revenue WHERE store LIKE @prefix || '%'",
            r => tables.WindowRevenue.Add((r.GetString(0), Micros.FromUtc(r.GetDateTime(1))), (Micros.Cents(r.GetDecimal(2)), r.GetInt32(3))));
        Query(connection, "SELECT partition, store, window_start, total_revenue, event_count FROM window_shares WHERE topic = @topic",
            r => tables.Shares.Add((r.GetInt32(0), r.GetString(1), Micros.FromUtc(r.GetDateTime(2))), (Micros.Cents(r.GetDecimal(3)), r.GetInt32(4))));
        Query(connection, "SELECT partition, kafka_offset, store, ts, price, window_start FROM late_events WHERE topic = @topic",
            r => tables.LateEvents.Add((r.GetInt32(0), r.GetInt64(1)),
                (r.GetString(2), Micros.FromUtc(r.GetDateTime(3)), Micros.Cents(r.GetDecimal(4)), Micros.FromUtc(r.GetDateTime(5)))));
        Query(connection, "SELECT partition, kafka_offset, reason FROM rejected_events WHERE topic = @topic",
            r => tables.RejectedEvents.Add((r.GetInt32(0), r.GetInt64(1)), r.GetString(2)));
        Query(connection, "SELECT partition, from_offset, to_offset FROM data_gaps WHERE topic = @topic",
            r => tables.Gaps.Add((r.GetInt32(0), r.GetInt64(1)), r.GetInt64(2)));
        Query(connection, "SELECT partition, store, window_start, total_revenue, event_count FROM open_windows WHERE topic = @topic",
            r => tables.OpenWindows.Add((r.GetInt32(0), r.GetString(1), Micros.FromUtc(r.GetDateTime(2))), (Micros.Cents(r.GetDecimal(3)), r.GetInt32(4))));
        Query(connection, "SELECT partition, next_offset, max_ts, watermark FROM partition_checkpoints WHERE topic = @topic",
            r => tables.Checkpoints.Add(r.GetInt32(0), new PartitionCheckpoint(r.GetInt64(1),
                r.IsDBNull(2) ? null : Micros.FromUtc(r.GetDateTime(2)),
                r.IsDBNull(3) ? Watermark.MinusInfinity : Micros.FromUtc(r.GetDateTime(3)))));
        return tables;
    }

    private void Query(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("topic", topic);
        command.Parameters.AddWithValue("prefix", storePrefix);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}
