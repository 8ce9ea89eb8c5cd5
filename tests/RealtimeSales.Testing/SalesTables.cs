using Npgsql;

namespace RealtimeSales.Testing;

/// <summary>Progress and single values from PostgreSQL's public tables, for tests that wait on the pipeline.</summary>
public static class SalesTables
{
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
}
