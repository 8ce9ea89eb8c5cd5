using Npgsql;

namespace RealtimeSales.Throughput;

/// <summary>
/// One database on the harness's <see cref="BenchServer"/>, and the queries that read the aggregator's progress
/// from its public tables.
/// </summary>
internal sealed class BenchDatabase(string name, string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    private bool _schemaExists;

    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    /// <summary>Next offset per partition as the last committed checkpoints left it (none before the schema exists).</summary>
    public async Task<IReadOnlyDictionary<int, long>> NextOffsetsAsync(CancellationToken cancellationToken)
    {
        var offsets = new Dictionary<int, long>();
        if (!await SchemaExistsAsync(cancellationToken))
        {
            return offsets;
        }

        await using var command = _dataSource.CreateCommand("SELECT partition, next_offset FROM partition_checkpoints WHERE topic = 'sales'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            offsets[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return offsets;
    }

    /// <summary>
    /// Messages the committed checkpoints cover in all (the sum of every partition's next offset), and when the last
    /// checkpoint that wrote a <c>partition_checkpoints</c> row committed — read together, so that the time is that of
    /// the checkpoint that brought the sum there (none before the schema exists).
    /// </summary>
    public async Task<(long Events, DateTime? LastCommit)> CheckpointedAsync(CancellationToken cancellationToken)
    {
        if (!await SchemaExistsAsync(cancellationToken))
        {
            return (0, null);
        }

        await using var command = _dataSource.CreateCommand(
            "SELECT coalesce(sum(next_offset), 0)::bigint, max(pg_xact_commit_timestamp(xmin)) FROM partition_checkpoints WHERE topic = 'sales'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1));
    }

    /// <summary>
    /// The first commit after <paramref name="after"/> that moved some partition past <paramref name="offsets"/>,
    /// if any: the moment a restarted aggregator was processing again.
    /// </summary>
    public async Task<DateTime?> FirstAdvanceAsync(IReadOnlyDictionary<int, long> offsets, DateTime after, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT min(pg_xact_commit_timestamp(c.xmin))
            FROM partition_checkpoints c JOIN unnest(@partition, @next_offset) AS k(partition, next_offset) USING (partition)
            WHERE c.topic = 'sales' AND c.next_offset > k.next_offset AND pg_xact_commit_timestamp(c.xmin) > @after
            """);
        command.Parameters.AddWithValue("partition", offsets.Keys.ToArray());
        command.Parameters.AddWithValue("next_offset", offsets.Values.ToArray());
        command.Parameters.AddWithValue("after", after);
        return await command.ExecuteScalarAsync(cancellationToken) as DateTime?;
    }

    /// <summary>
    /// For every window closed in <c>[from, to)</c>: milliseconds from <c>closed_at</c> (the engine's clock when the
    /// event that moved the watermark past the window's end was processed) to the commit of the transaction that
    /// inserted its row.
    /// </summary>
    public async Task<IReadOnlyList<double>> CloseToVisibleAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT extract(epoch FROM pg_xact_commit_timestamp(xmin) - closed_at) * 1000
            FROM window_revenue WHERE closed_at >= @from AND closed_at < @to
            """);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        List<double> latencies = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            latencies.Add((double)reader.GetDecimal(0));
        }

        return latencies;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>The aggregator creates the schema when it starts; until then there is nothing to read.</summary>
    private async Task<bool> SchemaExistsAsync(CancellationToken cancellationToken)
    {
        if (!_schemaExists)
        {
            await using var command = _dataSource.CreateCommand("SELECT to_regclass('partition_checkpoints') IS NOT NULL");
            _schemaExists = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        return _schemaExists;
    }
}
