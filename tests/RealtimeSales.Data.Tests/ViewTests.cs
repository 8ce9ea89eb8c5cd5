using RealtimeSales.Testing;

namespace RealtimeSales.Data.Tests;

/// <summary>The views and <c>top_stores</c> on small data sets whose results are worked out by hand.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ViewTests(PostgresFixture postgres)
{
    // 30-second windows. Per minute: store-1 10:00 = 10.50 + 4.25, 10:01 = 100.00, 11:00 = 1.00;
    // store-2 10:00 = 7.00, 10:59 = 3.33. Per hour: store-1 10:00 = 114.75 (8 events), 11:00 = 1.00;
    // store-2 10:00 = 10.33 (4 events).
    private const string Windows = """
        INSERT INTO window_revenue (store, window_start, window_end, total_revenue, event_count, closed_at)
        SELECT store, start::timestamptz, start::timestamptz + interval '30 seconds', revenue, events, now()
        FROM (VALUES
            ('store-1', '2025-01-01T10:00:00Z', 10.50, 2),
            ('store-1', '2025-01-01T10:00:30Z', 4.25, 1),
            ('store-1', '2025-01-01T10:01:00Z', 100.00, 5),
            ('store-1', '2025-01-01T11:00:00Z', 1.00, 1),
            ('store-2', '2025-01-01T10:00:00Z', 7.00, 3),
            ('store-2', '2025-01-01T10:59:30Z', 3.33, 1)
        ) AS w(store, start, revenue, events)
        """;

    [Fact]
    public async Task RevenuePerStoreMinuteSumsTheWindowsStartingInEachMinute()
    {
        var connectionString = await SalesDatabaseWithAsync(Windows);

        Assert.Equal(
            [
                "store-1 | 2025-01-01 10:00:00 | 14.75 | 3",
                "store-1 | 2025-01-01 10:01:00 | 100.00 | 5",
                "store-1 | 2025-01-01 11:00:00 | 1.00 | 1",
                "store-2 | 2025-01-01 10:00:00 | 7.00 | 3",
                "store-2 | 2025-01-01 10:59:00 | 3.33 | 1",
            ],
            await TestSql.RowsAsync(connectionString, "SELECT * FROM revenue_per_store_minute ORDER BY store, minute"));
    }

    [Fact]
    public async Task RevenuePerStoreHourUsesUtcHoursWhateverTheSessionTimeZone()
    {
        var connectionString = await SalesDatabaseWithAsync(Windows);

        // India is UTC+05:30: local hours would start at half past the UTC hour.
        Assert.Equal(
            [
                "store-1 | 2025-01-01 10:00:00 | 114.75 | 8",
                "store-1 | 2025-01-01 11:00:00 | 1.00 | 1",
                "store-2 | 2025-01-01 10:00:00 | 10.33 | 4",
            ],
            await TestSql.RowsAsync(connectionString + ";Options=-c TimeZone=Asia/Kolkata", "SELECT * FROM revenue_per_store_hour ORDER BY store, hour"));
    }

    [Fact]
    public async Task StoreTotalsSumEverythingWithFirstAndLastWindow()
    {
        var connectionString = await SalesDatabaseWithAsync(Windows);

        Assert.Equal(
            [
                "store-1 | 115.75 | 9 | 2025-01-01 10:00:00 | 2025-01-01 11:00:00",
                "store-2 | 10.33 | 4 | 2025-01-01 10:00:00 | 2025-01-01 10:59:30",
            ],
            await TestSql.RowsAsync(connectionString, "SELECT * FROM store_totals ORDER BY store"));
    }

    [Fact]
    public async Task LateSummaryCountsLateEventsAndTheirRevenuePerStore()
    {
        var connectionString = await SalesDatabaseWithAsync("""
            INSERT INTO late_events (topic, partition, kafka_offset, store, ts, price, window_start, received_at) VALUES
                ('sales', 0, 10, 'store-1', '2025-01-01T10:00:01Z', 2.50, '2025-01-01T10:00:00Z', '2025-01-01T12:00:05Z'),
                ('sales', 1, 11, 'store-1', '2025-01-01T10:00:02Z', 1.25, '2025-01-01T10:00:00Z', '2025-01-01T12:00:10Z'),
                ('sales', 0, 12, 'store-2', '2025-01-01T10:00:40Z', 9.99, '2025-01-01T10:00:30Z', '2025-01-01T12:01:00Z')
            """);

        Assert.Equal(
            [
                "store-1 | 2 | 3.75 | 2025-01-01 12:00:10",
                "store-2 | 1 | 9.99 | 2025-01-01 12:01:00",
            ],
            await TestSql.RowsAsync(connectionString, "SELECT * FROM late_summary ORDER BY store"));
    }

    [Fact]
    public async Task RejectedSummaryGroupsReasonsByCategoryWithTheLatestReason()
    {
        var connectionString = await SalesDatabaseWithAsync("""
            INSERT INTO rejected_events (topic, partition, kafka_offset, kafka_key, payload, reason, received_at) VALUES
                ('sales', 0, 1, NULL, '\x78'::bytea, 'invalid JSON: ''x'' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0.', '2025-01-01T12:00:01Z'),
                ('sales', 0, 2, NULL, '\x7b'::bytea, 'invalid JSON: Expected depth to be zero at the end of the JSON payload.', '2025-01-01T12:00:02Z'),
                ('sales', 1, 3, NULL, '\xff'::bytea, 'invalid UTF-8 at byte 17', '2025-01-01T12:00:03Z'),
                ('sales', 1, 4, NULL, '\xfe'::bytea, 'invalid UTF-8 at byte 3', '2025-01-01T12:00:04Z'),
                ('sales', 2, 5, NULL, NULL, 'price: must be at most 1000000', '2025-01-01T12:00:05Z'),
                ('sales', 2, 6, NULL, NULL, 'key is missing', '2025-01-01T12:00:06Z')
            """);

        Assert.Equal(
            [
                "invalid JSON | 2 | 2025-01-01 12:00:02 | invalid JSON: Expected depth to be zero at the end of the JSON payload.",
                "invalid UTF-8 at byte N | 2 | 2025-01-01 12:00:04 | invalid UTF-8 at byte 3",
                "key is missing | 1 | 2025-01-01 12:00:06 | key is missing",
                "price | 1 | 2025-01-01 12:00:05 | price: must be at most 1000000",
            ],
            await TestSql.RowsAsync(connectionString, "SELECT * FROM rejected_summary ORDER BY category"));
    }

    [Fact]
    public async Task TopStoresRanksRevenueOfWindowsThatEndedInTheLastMinutes()
    {
        // Window ends relative to now. Last 10 minutes: b = 70 + 5, a = 50, c = 10.
        // Last 60 minutes adds a's 1000.00 and d's 999.00.
        var connectionString = await SalesDatabaseWithAsync("""
            INSERT INTO window_revenue (store, window_start, window_end, total_revenue, event_count, closed_at)
            SELECT store, now() - ended_ago - interval '30 seconds', now() - ended_ago, revenue, events, now()
            FROM (VALUES
                ('store-a', interval '2 minutes', 50.00, 5),
                ('store-a', interval '20 minutes', 1000.00, 1),
                ('store-b', interval '1 minute', 70.00, 7),
                ('store-b', interval '3 minutes', 5.00, 1),
                ('store-c', interval '5 minutes', 10.00, 2),
                ('store-d', interval '30 minutes', 999.00, 9)
            ) AS w(store, ended_ago, revenue, events)
            """);

        Assert.Equal(
            ["store-b | 75.00 | 8", "store-a | 50.00 | 5", "store-c | 10.00 | 2"],
            await TestSql.RowsAsync(connectionString, "SELECT * FROM top_stores(10)"));
        Assert.Equal(
            ["store-b | 75.00 | 8", "store-a | 50.00 | 5"],
            await TestSql.RowsAsync(connectionString, "SELECT * FROM top_stores(10, 2)"));
        Assert.Equal(
            ["store-a | 1050.00 | 6", "store-d | 999.00 | 9", "store-b | 75.00 | 8", "store-c | 10.00 | 2"],
            await TestSql.RowsAsync(connectionString, "SELECT * FROM top_stores(minutes => 60)"));
    }

    private async Task<string> SalesDatabaseWithAsync(string insert)
    {
        var connectionString = await postgres.CreateSalesDatabaseAsync(TestContext.Current.CancellationToken);
        await TestSql.ExecuteAsync(connectionString, insert);
        return connectionString;
    }
}
