using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
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

    /// <summary>Every migration this build knows, by id, read from the assembly without building an EF Core model.</summary>
    private static readonly string[] s_migrationIds =
    [
        .. typeof(SalesDbContext).Assembly.GetTypes()
            .Select(type => type.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>(),
    ];

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
        if (await IsUpToDateAsync(connectionString, cancellationToken))
        {
            // The usual start: one query instead of EF Core's migration machinery, which costs hundreds of
            // milliseconds of a restart's recovery time (issue 12).
            return;
        }

        // The strategy retries the whole attempt (connect, lock, migrate) because the lock belongs to its
        // connection: after a connection failure it must be taken again on a new one.
        await using var context = new SalesDbContext(new DbContextOptionsBuilder<SalesDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure())
            .Options);
        await context.Database.CreateExecutionStrategy().ExecuteAsync(connectionString, MigrateUnderLockAsync, cancellationToken);
    }

    /// <summary>Whether the database has applied every migration this build knows (more is fine: a newer build ran).</summary>
    private static async Task<bool> IsUpToDateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""SELECT "MigrationId" FROM public."__EFMigrationsHistory" """, connection);
        HashSet<string> applied = [];
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }

        return applied.IsSupersetOf(s_migrationIds);
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
