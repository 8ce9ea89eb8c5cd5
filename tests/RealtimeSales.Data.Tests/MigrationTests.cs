using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

using RealtimeSales.Testing;

namespace RealtimeSales.Data.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    // DESIGN.md "Tables" is a public interface: these names and types are what users' queries rely on.
    private static readonly string[] s_expectedColumns =
    [
        "cluster_changes.id bigint not null",
        "cluster_changes.topic text not null",
        "cluster_changes.previous_cluster_id text not null",
        "cluster_changes.new_cluster_id text not null",
        "cluster_changes.detected_at timestamp with time zone not null",
        "data_gaps.topic text not null",
        "data_gaps.partition integer not null",
        "data_gaps.from_offset bigint not null",
        "data_gaps.cluster_id text not null",
        "data_gaps.to_offset bigint not null",
        "data_gaps.detected_at timestamp with time zone not null",
        "data_gaps.reason text not null",
        "late_events.topic text not null",
        "late_events.partition integer not null",
        "late_events.kafka_offset bigint not null",
        "late_events.cluster_id text not null",
        "late_events.store text not null",
        "late_events.ts timestamp with time zone not null",
        "late_events.price numeric(18,2) not null",
        "late_events.window_start timestamp with time zone not null",
        "late_events.received_at timestamp with time zone not null",
        "open_windows.topic text not null",
        "open_windows.partition integer not null",
        "open_windows.store text not null",
        "open_windows.window_start timestamp with time zone not null",
        "open_windows.total_revenue numeric(18,2) not null",
        "open_windows.event_count integer not null",
        "partition_checkpoints.topic text not null",
        "partition_checkpoints.partition integer not null",
        "partition_checkpoints.next_offset bigint not null",
        "partition_checkpoints.max_ts timestamp with time zone null",
        "partition_checkpoints.watermark timestamp with time zone null",
        "partition_checkpoints.generation bigint not null",
        "partition_checkpoints.cluster_id text null",
        "partition_checkpoints.updated_at timestamp with time zone not null",
        "partition_checkpoints.checkpoint_id uuid not null",
        "rejected_events.topic text not null",
        "rejected_events.partition integer not null",
        "rejected_events.kafka_offset bigint not null",
        "rejected_events.cluster_id text not null",
        "rejected_events.kafka_key bytea null",
        "rejected_events.payload bytea null",
        "rejected_events.reason text not null",
        "rejected_events.received_at timestamp with time zone not null",
        "window_revenue.store text not null",
        "window_revenue.window_start timestamp with time zone not null",
        "window_revenue.window_end timestamp with time zone not null",
        "window_revenue.total_revenue numeric(18,2) not null",
        "window_revenue.event_count integer not null",
        "window_revenue.closed_at timestamp with time zone not null",
        "window_shares.topic text not null",
        "window_shares.partition integer not null",
        "window_shares.cluster_id text not null",
        "window_shares.store text not null",
        "window_shares.window_start timestamp with time zone not null",
        "window_shares.window_end timestamp with time zone not null",
        "window_shares.total_revenue numeric(18,2) not null",
        "window_shares.event_count integer not null",
        "window_shares.closed_at timestamp with time zone not null",
    ];

    private static readonly string[] s_expectedPrimaryKeys =
    [
        "cluster_changes (id)",
        "data_gaps (topic, partition, from_offset, cluster_id)",
        "late_events (topic, partition, kafka_offset, cluster_id)",
        "open_windows (topic, partition, store, window_start)",
        "partition_checkpoints (topic, partition)",
        "rejected_events (topic, partition, kafka_offset, cluster_id)",
        "window_revenue (store, window_start)",
        "window_shares (topic, partition, cluster_id, store, window_start)",
    ];

    private static readonly string[] s_expectedViewsAndFunctions =
    [
        "function top_stores",
        "view late_summary",
        "view rejected_summary",
        "view revenue_per_store_hour",
        "view revenue_per_store_minute",
        "view store_totals",
    ];

    private const string ColumnsQuery = """
        SELECT table_name || '.' || column_name || ' '
               || CASE WHEN data_type = 'numeric' THEN format('numeric(%s,%s)', numeric_precision, numeric_scale) ELSE data_type END
               || CASE WHEN is_nullable = 'YES' THEN ' null' ELSE ' not null' END
        FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE table_schema = 'public' AND t.table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'
        ORDER BY table_name, ordinal_position
        """;

    private const string PrimaryKeysQuery = """
        SELECT tc.table_name || ' (' || string_agg(k.column_name, ', ' ORDER BY k.ordinal_position) || ')'
        FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
        WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY' AND tc.table_name <> '__EFMigrationsHistory'
        GROUP BY tc.table_name
        ORDER BY tc.table_name
        """;

    private const string ViewsAndFunctionsQuery = """
        SELECT 'view ' || table_name FROM information_schema.views WHERE table_schema = 'public'
        UNION ALL
        SELECT 'function ' || routine_name FROM information_schema.routines WHERE routine_schema = 'public'
        ORDER BY 1
        """;

    [Fact]
    public async Task MigrationsCreateEveryTableWithTheDocumentedColumnsAndKeys()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);

        var migrating = Stopwatch.StartNew();
        await SalesDatabase.MigrateAsync(connectionString, ct);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"server start {postgres.StartTime.TotalMilliseconds:0} ms, migrating an empty database {migrating.ElapsedMilliseconds} ms");

        Assert.Equal(s_expectedColumns.Order(), (await TestSql.RowsAsync(connectionString, ColumnsQuery)).Order());
        Assert.Equal(s_expectedPrimaryKeys, await TestSql.RowsAsync(connectionString, PrimaryKeysQuery));
        Assert.Equal(s_expectedViewsAndFunctions, await TestSql.RowsAsync(connectionString, ViewsAndFunctionsQuery));
    }

    [Fact]
    public async Task MigratingAgainChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateSalesDatabaseAsync(ct);
        var before = await SchemaAsync(connectionString);

        await SalesDatabase.MigrateAsync(connectionString, ct);

        Assert.Equal(before, await SchemaAsync(connectionString));
    }

    [Fact]
    public async Task ConcurrentMigrationsOfAFreshDatabaseAllSucceed()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync(ct);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SalesDatabase.MigrateAsync(connectionString, ct), ct)));

        await using var context = CreateContext(connectionString);
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync(ct));
        Assert.Equal(s_expectedPrimaryKeys, await TestSql.RowsAsync(connectionString, PrimaryKeysQuery));
    }

    [Fact]
    public async Task AMigrationMissingFromAnOlderDatabaseIsApplied()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateSalesDatabaseAsync(ct);
        var complete = await SchemaAsync(connectionString);
        await using (var context = CreateContext(connectionString))
        {
            // As a database last migrated by the previous release: every migration but the newest.
            var migrations = context.Database.GetMigrations().ToArray();
            await context.GetService<IMigrator>().MigrateAsync(migrations[^2], cancellationToken: ct);
        }

        Assert.NotEqual(complete, await SchemaAsync(connectionString));

        await SalesDatabase.MigrateAsync(connectionString, ct);

        Assert.Equal(complete, await SchemaAsync(connectionString));
    }

    [Fact]
    public async Task MigratingDownRemovesEverything()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateSalesDatabaseAsync(ct);

        await using (var context = CreateContext(connectionString))
        {
            await context.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase, cancellationToken: ct);
        }

        Assert.Empty(await TestSql.RowsAsync(connectionString, ViewsAndFunctionsQuery));
        Assert.Empty(await TestSql.RowsAsync(connectionString, PrimaryKeysQuery));
    }

    [Fact]
    public async Task ModelHasNoChangesMissingFromTheMigrations()
    {
        await using var context = CreateContext("Host=localhost;Database=unused");

        Assert.False(context.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <name> --project src/RealtimeSales.Data");
    }

    private static SalesDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<SalesDbContext>().UseNpgsql(connectionString).Options);

    private static async Task<string[]> SchemaAsync(string connectionString) =>
    [
        .. await TestSql.RowsAsync(connectionString, ColumnsQuery),
        .. await TestSql.RowsAsync(connectionString, PrimaryKeysQuery),
        .. await TestSql.RowsAsync(connectionString, ViewsAndFunctionsQuery),
        .. await TestSql.RowsAsync(connectionString, """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY 1"""),
    ];
}
