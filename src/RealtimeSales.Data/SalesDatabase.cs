using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace RealtimeSales.Data;

/// <summary>Brings a sales database's schema up to date.</summary>
public static class SalesDatabase
{
    /// <summary>
    /// The PostgreSQL advisory lock key held while migrating: the bytes of ASCII <c>RSALESDB</c>. Outside tools
    /// that change the schema can take it too: <c>SELECT pg_advisory_lock(5932156930013480002)</c>.
    /// </summary>
    public const long MigrationLockKey = 0x5253_414C_4553_4442;

    /// <summary>
    /// Applies pending migrations while holding <see cref="MigrationLockKey"/>, so that replicas starting
    /// together migrate one after another (DESIGN.md, "Configuration"). Connection failures are retried.
    /// </summary>
    /// <remarks>
    /// EF Core 9+ also serialises migrations by locking its history table, but only once that table exists;
    /// the advisory lock covers the whole run, does not depend on EF's version, and outside tools can take it.
    /// </remarks>
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);

        // The strategy retries the whole attempt (connect, lock, migrate) because the lock belongs to its
        // connection: after a connection failure it must be taken again on a new one.
        await using var context = new SalesDbContext(new DbContextOptionsBuilder<SalesDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure())
            .Options);
        await context.Database.CreateExecutionStrategy().ExecuteAsync(connectionString, MigrateUnderLockAsync, cancellationToken);
    }

    private static async Task MigrateUnderLockAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Unpooled: a session lock lives as long as the session, and a pooled connection's session outlives
        // Close. Closing this one ends the session and so releases the lock, also when migrating fails.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(unpooled);
        await connection.OpenAsync(cancellationToken);
        await using (var takeLock = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            takeLock.Parameters.AddWithValue("key", MigrationLockKey);
            await takeLock.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var context = new SalesDbContext(new DbContextOptionsBuilder<SalesDbContext>().UseNpgsql(connection).Options);
        await context.Database.MigrateAsync(cancellationToken);
    }
}
