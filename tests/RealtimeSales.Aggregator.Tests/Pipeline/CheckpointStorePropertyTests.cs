using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RealtimeSales.Aggregator.Checkpoints;
using RealtimeSales.Aggregator.Tests.Windowing;
using RealtimeSales.Data;
using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>
/// The random schedules of <see cref="PipelinePropertyTests"/> against the real <see cref="CheckpointStore"/> on
/// PostgreSQL: its fence, its lost-acknowledgement diagnosis and its SQL give the same guarantees as the model.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class CheckpointStorePropertyTests(PostgresFixture postgres)
{
    [Fact]
    public async Task RandomSchedulesOnTheRealStoreEndWithEveryMessageCountedOnce()
    {
        var database = await postgres.CreateSalesDatabaseAsync(TestContext.Current.CancellationToken);
        var contexts = new PooledDbContextFactory<SalesDbContext>(new DbContextOptionsBuilder<SalesDbContext>().UseNpgsql(database).Options);
        var run = 0;
        // Schedules share the database: each writes its own topic and stores.
        Gen.Int.Sample(seed =>
        {
            var topic = $"topic-{Interlocked.Increment(ref run)}";
            var health = new AggregatorHealth();
            var store = new CheckpointStore(contexts, Options.Create(new AggregatorOptions { Topic = topic }),
                DatabaseRetry.Create(health, NullLogger.Instance), health, NullLogger<CheckpointStore>.Instance);
            var target = new PostgresCheckpoints(store, database, topic, storePrefix: topic + "-");
            var schedule = PipelineSchedule.Generate(seed);
            ScheduleCheck.Verify(schedule, ScheduleRun.Play(schedule, target, storePrefix: topic + "-"), target.Read());
        }, iter: 40, threads: 1);
    }
}
