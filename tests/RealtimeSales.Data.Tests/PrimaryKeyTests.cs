using Npgsql;

using RealtimeSales.Testing;

namespace RealtimeSales.Data.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PrimaryKeyTests(PostgresFixture postgres)
{
    // Exactly-once rests on these keys: a replayed row must fail its transaction, never be counted twice.
    [Theory]
    [InlineData("INSERT INTO window_revenue (store, window_start, window_end, total_revenue, event_count, closed_at) VALUES ('store-1', '2025-01-01T10:00:00Z', '2025-01-01T10:00:30Z', 1.50, 1, now())")]
    [InlineData("INSERT INTO late_events (topic, partition, kafka_offset, store, ts, price, window_start, received_at) VALUES ('sales', 0, 42, 'store-1', '2025-01-01T10:00:01Z', 1.50, '2025-01-01T10:00:00Z', now())")]
    [InlineData("INSERT INTO rejected_events (topic, partition, kafka_offset, kafka_key, payload, reason, received_at) VALUES ('sales', 0, 42, NULL, '\\x7b'::bytea, 'invalid JSON: end of data', now())")]
    [InlineData("INSERT INTO partition_checkpoints (topic, partition, next_offset, max_ts, watermark, generation, cluster_id, updated_at) VALUES ('sales', 0, 0, NULL, NULL, 1, NULL, now())")]
    [InlineData("INSERT INTO open_windows (topic, partition, store, window_start, total_revenue, event_count) VALUES ('sales', 0, 'store-1', '2025-01-01T10:00:00Z', 1.50, 1)")]
    [InlineData("INSERT INTO data_gaps (topic, partition, from_offset, to_offset, detected_at, reason) VALUES ('sales', 0, 100, 200, now(), 'retention')")]
    public async Task InsertingTheSameKeyTwiceIsAUniqueViolation(string insert)
    {
        var connectionString = await postgres.CreateSalesDatabaseAsync(TestContext.Current.CancellationToken);
        await TestSql.ExecuteAsync(connectionString, insert);

        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => TestSql.ExecuteAsync(connectionString, insert));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
    }
}
