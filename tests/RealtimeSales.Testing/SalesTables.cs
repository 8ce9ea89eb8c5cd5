using Npgsql;

namespace RealtimeSales.Testing;

/// <summary>Reads what the aggregator committed, straight from PostgreSQL's public tables.</summary>
public static class SalesTables
{
    public static async Task<ExpectedTables> ReadAsync(string connectionString, string topic, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var tables = new ExpectedTables();
        await using (var windows = dataSource.CreateCommand(
            "SELECT store, window_start, total_revenue, event_count FROM window_revenue"))
        await using (var reader = await windows.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var start = (reader.GetDateTime(1) - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
                tables.Windows.Add((reader.GetString(0), start), ((long)(reader.GetDecimal(2) * 100), reader.GetInt32(3)));
            }
        }

        await ReadKeysAsync(dataSource, "late_events", topic, tables.Late, cancellationToken);
        await ReadKeysAsync(dataSource, "rejected_events", topic, tables.Rejected, cancellationToken);
        return tables;
    }

    /// <summary>Next offset per partition from <c>partition_checkpoints</c>, and how many windows are still open.</summary>
    public static async Task<(IReadOnlyDictionary<int, long> NextOffsets, long OpenWindows)> ProgressAsync(
        string connectionString, string topic, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var offsets = new Dictionary<int, long>();
        await using (var command = new NpgsqlCommand("SELECT partition, next_offset FROM partition_checkpoints WHERE topic = @topic", connection))
        {
            command.Parameters.AddWithValue("topic", topic);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                offsets[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        await using var open = new NpgsqlCommand("SELECT count(*) FROM open_windows WHERE topic = @topic", connection);
        open.Parameters.AddWithValue("topic", topic);
        return (offsets, (long)(await open.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>The single value of <paramref name="sql"/>.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ReadKeysAsync(NpgsqlDataSource dataSource, string table, string topic,
        SortedSet<(int, long)> keys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT partition, kafka_offset FROM {table} WHERE topic = @topic");
        command.Parameters.AddWithValue("topic", topic);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }
    }
}
