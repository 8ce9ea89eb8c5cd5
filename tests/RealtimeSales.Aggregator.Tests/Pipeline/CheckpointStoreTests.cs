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

        var outcome = stale.Commit([staleOwner], cancellationToken);

        Assert.Equal(staleClaim.Generation + 1, currentClaim.Generation);
        Assert.Equal([3], outcome.FencedPartitions);
        Assert.Equal(0L, await Scalar(database, "SELECT count(*) FROM window_revenue", cancellationToken));
        Assert.Equal(0L, await Scalar(database, "SELECT next_offset FROM partition_checkpoints WHERE partition = 3", cancellationToken));

        var currentOwner = Owned(currentClaim);
        currentOwner.Windows.Add(0, new Sale("store-1", 450, 10_000_000), 0);
        Assert.True(current.Commit([currentOwner], cancellationToken).IsCommitted);
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

        Assert.True(store.Commit([owner], cancellationToken).IsCommitted);
        // Same delta again, as when the commit reached the server but its acknowledgement did not reach us.
        Assert.True(store.Commit([owner], cancellationToken).IsCommitted);

        Assert.Equal(1L, await Scalar(database, "SELECT count(*) FROM window_revenue", cancellationToken));
        Assert.Equal(1L, await Scalar(database, "SELECT count(*) FROM rejected_events", cancellationToken));
        Assert.Equal(3L, await Scalar(database, "SELECT next_offset FROM partition_checkpoints", cancellationToken));
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
        Assert.True(store.Commit([owner], cancellationToken).IsCommitted);

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
        new(new Confluent.Kafka.TopicPartition("sales", claim.Partition), claim.Generation, "cluster-a",
            new PartitionWindows(s_spec, claim.Checkpoint, claim.OpenWindows, 0));

    private static Task<long> Scalar(string connectionString, string sql, CancellationToken cancellationToken) =>
        SalesTables.ScalarAsync<long>(connectionString, sql, cancellationToken);
}
