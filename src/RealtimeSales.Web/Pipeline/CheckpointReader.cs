using Npgsql;
using RealtimeSales.Web.Sql;

namespace RealtimeSales.Web.Pipeline;

/// <summary>The checkpoints of the topic and the size of the result tables, read through the read-only role.</summary>
internal sealed class CheckpointReader(ReadOnlyDatabase database, string topic)
{
    private const string Query = """
        SELECT (SELECT count(*) FROM window_revenue), (SELECT count(*) FROM late_events), (SELECT count(*) FROM rejected_events);
        SELECT partition, next_offset, generation, extract(epoch FROM watermark)::float8
        FROM partition_checkpoints WHERE topic = @topic;
        """;

    /// <exception cref="NpgsqlException">PostgreSQL could not be read (or the aggregator has not created the tables yet).</exception>
    /// <exception cref="DatabaseUnavailableException">There is no database to read.</exception>
    public async Task<(long Windows, long Late, long Rejected, Dictionary<int, CheckpointRow> Checkpoints)> ReadAsync(CancellationToken cancellationToken)
    {
        var source = await database.GetAsync(cancellationToken);
        await using var command = source.CreateCommand(Query);
        command.Parameters.AddWithValue("topic", topic);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (windows, late, rejected) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        await reader.NextResultAsync(cancellationToken);
        Dictionary<int, CheckpointRow> checkpoints = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoints[reader.GetInt32(0)] = new CheckpointRow(reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetDouble(3));
        }

        return (windows, late, rejected, checkpoints);
    }
}
