using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;
using RealtimeSales.Data;
using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>The checkpoint store against real PostgreSQL: the generation fence, lost acknowledgements and cluster changes.</summary>
[Collection(PipelineCollection.Name)]
public sealed class CheckpointStoreTests(PostgresFixture postgres)
{
    private static readonly WindowSpec s_spec = new(2_000_000, 2_000_000, 6_000_000);

    [Fact]
    public async Task AStaleOwnersCheckpointAfterATakeoverIsRefusedByTheGenerationFence()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        var stale = Store(database);
        var current = Store(database);

        var staleClaim = Assert.Single(stale.Claim([3], "cluster-a", cancellationToken));
        var staleOwner = Owned(staleClaim);
        staleOwner.Windows.Add(0, new Sale("store-1", 450, 10_000_000), 0);
        staleOwner.Windows.Add(1, new Sale("store-1", 100, 20_000_000), 0);
        var currentClaim = Assert.Single(current.Claim([3], "cluster-a", cancellationToken));

        var outcome = stale.Commit([staleOwner.Seal()], cancellationToken);

        Assert.Equal(staleClaim.Generation + 1, currentClaim.Generation);
        Assert.Equal([3], outcome.FencedPartitions);
        Assert.Equal(0L, await Scalar(database, "SELECT count(*) FROM window_revenue", cancellationToken));
        Assert.Equal(0L, await Scalar(database, "SELECT next_offset FROM partition_checkpoints WHERE partition = 3", cancellationToken));

        var currentOwner = Owned(currentClaim);
        currentOwner.Windows.Add(0, new Sale("store-1", 450, 10_000_000), 0);
        Assert.True(current.Commit([currentOwner.Seal()], cancellationToken).IsCommitted);
        Assert.Equal(1L, await Scalar(database, "SELECT next_offset FROM partition_checkpoints WHERE partition = 3", cancellationToken));
    }

    [Fact]
    public async Task ACommitRetriedAfterItsAcknowledgementWasLostIsRecognisedAndNotWrittenTwice()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        var store = Store(database);
        var owner = Owned(Assert.Single(store.Claim([0], "cluster-a", cancellationToken)));
        owner.Windows.Add(0, new Sale("store-1", 450, 1_000_000), 0);
        owner.Windows.Add(1, new Sale("store-1", 100, 9_000_000), 0);
        owner.Windows.Reject(2, null, [1, 2], "invalid JSON", 0);
        var delta = owner.Seal();

        Assert.True(store.Commit([delta], cancellationToken).IsCommitted);
        // Same delta again, as when the commit reached the server but its acknowledgement did not reach us.
        Assert.True(store.Commit([delta], cancellationToken).IsCommitted);

        Assert.Equal(1L, await Scalar(database, "SELECT count(*) FROM window_revenue", cancellationToken));
        Assert.Equal(4.50m, await SalesTables.ScalarAsync<decimal>(database, "SELECT total_revenue FROM window_revenue", cancellationToken));
        Assert.Equal(1L, await Scalar(database, "SELECT count(*) FROM window_shares", cancellationToken));
        Assert.Equal(1L, await Scalar(database, "SELECT count(*) FROM rejected_events", cancellationToken));
        Assert.Equal(3L, await Scalar(database, "SELECT next_offset FROM partition_checkpoints", cancellationToken));

        // The next delta builds on the one that landed.
        owner.Windows.Add(3, new Sale("store-1", 100, 9_500_000), 0);
        Assert.True(store.Commit([owner.Seal()], cancellationToken).IsCommitted);
        Assert.Equal(4L, await Scalar(database, "SELECT next_offset FROM partition_checkpoints", cancellationToken));
    }

    [Fact]
    public async Task AConflictingDeltaThatOnlyMovesTheWatermarkIsNotTakenForOneThatLanded()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        var store = Store(database);
        var claim = Assert.Single(store.Claim([0], "cluster-a", cancellationToken));
        var owner = Owned(claim);
        owner.Windows.Add(0, new Sale("store-1", 450, 1_000_000), 0);
        Assert.True(store.Commit([owner.Seal()], cancellationToken).IsCommitted);

        // Two engines with the same generation built on the same checkpoint: same offsets, different watermarks.
        var restored = new PartitionWindows(s_spec, new PartitionCheckpoint(1, 1_000_000, -1_000_000), []);
        var rival = new OwnedPartition(new Confluent.Kafka.TopicPartition("sales", 0), claim, "cluster-a", restored);
        owner.Windows.CaughtUp(0);
        owner.Windows.AdvanceIfIdle(s_spec.IdleTimeoutMicros + 5_000_000);
        var moved = owner.Seal();
        Assert.True(store.Commit([moved], cancellationToken).IsCommitted);
        rival.Windows.CaughtUp(0);
        rival.Windows.AdvanceIfIdle(s_spec.IdleTimeoutMicros + 1_000_000);
        var conflicting = rival.Seal() with { PreviousCheckpointId = moved.PreviousCheckpointId };

        var refused = Assert.Throws<InvalidOperationException>(() => store.Commit([conflicting], cancellationToken));

        Assert.Contains("no earlier attempt committed it", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Timestamp(moved.Changes.Checkpoint.WatermarkMicros),
            await SalesTables.ScalarAsync<DateTime>(database, "SELECT watermark FROM partition_checkpoints", cancellationToken));
    }

    [Fact]
    public async Task AStoreOnTwoPartitionsSumsTheirSharesWhetherTheyCloseTogetherOrApart()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        var store = Store(database);
        var owners = store.Claim([0, 1, 2], "cluster-a", cancellationToken).Select(Owned).ToArray();
        for (var partition = 0; partition < 3; partition++)
        {
            owners[partition].Windows.Add(0, new Sale("split-store", 100 * (partition + 1), 1_000_000), 0);
            owners[partition].Windows.Add(1, new Sale("split-store", 1, 1_500_000), 0);
        }

        // Partitions 0 and 1 close the window in one checkpoint, partition 2 in the next.
        owners[0].Windows.Add(2, new Sale("split-store", 7, 9_000_000), 0);
        owners[1].Windows.Add(2, new Sale("split-store", 7, 9_000_000), 0);
        Assert.True(store.Commit([.. owners.Select(owner => owner.Seal())], cancellationToken).IsCommitted);
        Assert.Equal(3.02m, await WindowRevenue(database, cancellationToken));
        owners[2].Windows.Add(2, new Sale("split-store", 7, 9_000_000), 0);
        Assert.True(store.Commit([owners[2].Seal()], cancellationToken).IsCommitted);

        Assert.Equal(6.03m, await WindowRevenue(database, cancellationToken));
        Assert.Equal(6L, await Scalar(database, "SELECT event_count::bigint FROM window_revenue WHERE window_start = to_timestamp(0)", cancellationToken));
        Assert.Equal(3L, await Scalar(database, "SELECT count(*) FROM window_shares WHERE window_start = to_timestamp(0)", cancellationToken));
    }

    [Fact]
    public async Task ANewClusterIdIsRecordedAndThePartitionStartsAfreshKeepingItsOpenWindows()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await postgres.CreateSalesDatabaseAsync(cancellationToken);
        var store = Store(database);
        var owner = Owned(Assert.Single(store.Claim([0], "cluster-a", cancellationToken)));
        owner.Windows.Add(0, new Sale("store-1", 450, 1_000_000), 0);
        owner.Windows.Add(1, new Sale("store-2", 100, 1_500_000), 0);
        Assert.True(store.Commit([owner.Seal()], cancellationToken).IsCommitted);

        var reclaimed = Assert.Single(store.Claim([0], "cluster-b", cancellationToken));

        Assert.Equal("cluster-a", reclaimed.PreviousClusterId);
        Assert.Equal(0, reclaimed.Checkpoint.NextOffset);
        Assert.Equal(2, reclaimed.OpenWindows.Count);
        Assert.Equal(1L, await Scalar(database,
            "SELECT count(*) FROM cluster_changes WHERE previous_cluster_id = 'cluster-a' AND new_cluster_id = 'cluster-b'", cancellationToken));
        Assert.Equal("cluster-b", await SalesTables.ScalarAsync<string>(database, "SELECT cluster_id FROM partition_checkpoints", cancellationToken));
    }

    private static CheckpointStore Store(string connectionString)
    {
        var health = new AggregatorHealth();
        var contexts = new PooledDbContextFactory<SalesDbContext>(new DbContextOptionsBuilder<SalesDbContext>().UseNpgsql(connectionString).Options);
        return new CheckpointStore(contexts, Options.Create(new AggregatorOptions()),
            DatabaseRetry.Create(health, NullLogger.Instance), health, NullLogger<CheckpointStore>.Instance);
    }

    private static OwnedPartition Owned(ClaimedPartition claim) =>
        new(new Confluent.Kafka.TopicPartition("sales", claim.Partition), claim, "cluster-a",
            new PartitionWindows(s_spec, claim.Checkpoint, claim.OpenWindows));

    private static Task<decimal> WindowRevenue(string connectionString, CancellationToken cancellationToken) =>
        SalesTables.ScalarAsync<decimal>(connectionString,
            "SELECT total_revenue FROM window_revenue WHERE store = 'split-store' AND window_start = to_timestamp(0)", cancellationToken);

    private static DateTime Timestamp(long micros) => DateTime.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);

    private static Task<long> Scalar(string connectionString, string sql, CancellationToken cancellationToken) =>
        SalesTables.ScalarAsync<long>(connectionString, sql, cancellationToken);
}
