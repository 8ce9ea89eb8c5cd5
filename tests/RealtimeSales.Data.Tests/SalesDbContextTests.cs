using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RealtimeSales.Data.Model;

using RealtimeSales.Testing;

namespace RealtimeSales.Data.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SalesDbContextTests(PostgresFixture postgres)
{
    private static readonly DateTime s_windowStart = new(2025, 1, 1, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task EntitiesRoundTripThroughTheDocumentedTables()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateSalesDatabaseAsync(ct);
        await using var services = new ServiceCollection().AddSalesDbContext(connectionString).BuildServiceProvider();
        var contexts = services.GetRequiredService<IDbContextFactory<SalesDbContext>>();

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.WindowRevenues.Add(new WindowRevenue
            {
                Store = "store-1",
                WindowStart = s_windowStart,
                WindowEnd = s_windowStart.AddSeconds(30),
                TotalRevenue = 12.34m,
                EventCount = 3,
                ClosedAt = s_windowStart.AddMinutes(1),
            });
            db.PartitionCheckpoints.Add(new PartitionCheckpoint
            {
                Topic = "sales",
                Partition = 2,
                NextOffset = 17,
                MaxTimestamp = s_windowStart.AddSeconds(29),
                Watermark = null,
                Generation = 1,
                ClusterId = "cluster-a",
                CheckpointId = Guid.CreateVersion7(),
                UpdatedAt = s_windowStart,
            });
            db.RejectedEvents.Add(new RejectedEvent
            {
                Topic = "sales",
                Partition = 2,
                KafkaOffset = 16,
                ClusterId = "cluster-a",
                KafkaKey = null,
                Payload = [0xff, 0xfe],
                Reason = "invalid UTF-8 at byte 0",
                ReceivedAt = s_windowStart,
            });
            db.ClusterChanges.Add(new ClusterChange { Topic = "sales", PreviousClusterId = "a", NewClusterId = "b", DetectedAt = s_windowStart });
            db.ClusterChanges.Add(new ClusterChange { Topic = "sales", PreviousClusterId = "c", NewClusterId = "b", DetectedAt = s_windowStart });
            await db.SaveChangesAsync(ct);
        }

        Assert.Equal(
            ["store-1 | 2025-01-01 10:00:00 | 2025-01-01 10:00:30 | 12.34 | 3"],
            await TestSql.RowsAsync(connectionString, "SELECT store, window_start, window_end, total_revenue, event_count FROM window_revenue"));
        Assert.Equal(
            ["sales | 2 | 17 | 2025-01-01 10:00:29 | null | 1 | cluster-a"],
            await TestSql.RowsAsync(connectionString, "SELECT topic, partition, next_offset, max_ts, watermark, generation, cluster_id FROM partition_checkpoints"));
        Assert.Equal(
            ["null | 2 | invalid UTF-8 at byte 0"],
            await TestSql.RowsAsync(connectionString, "SELECT kafka_key, length(payload), reason FROM rejected_events"));
        Assert.Equal(["1 | a", "2 | c"], await TestSql.RowsAsync(connectionString, "SELECT id, previous_cluster_id FROM cluster_changes ORDER BY id"));

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var window = await db.WindowRevenues.SingleAsync(ct);
            Assert.Equal(DateTimeKind.Utc, window.WindowStart.Kind);
            Assert.Equal(s_windowStart, window.WindowStart);
            Assert.Equal(12.34m, window.TotalRevenue);
        }
    }
}
