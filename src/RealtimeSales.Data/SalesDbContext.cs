using Microsoft.EntityFrameworkCore;
using RealtimeSales.Data.EntityConfigurations;
using RealtimeSales.Data.Model;

namespace RealtimeSales.Data;

/// <summary>The sales database: closed windows, late and rejected events, and the aggregator's checkpoints.</summary>
/// <remarks>
/// Table and column names are a public interface (DESIGN.md, "Tables"): users and scripts query them
/// unqualified, so they are spelled out in the entity configurations and never derived from C# names.
/// Add migrations from the repository root with:
///
/// dotnet ef migrations add [migration-name] --project src/RealtimeSales.Data
/// </remarks>
public sealed class SalesDbContext(DbContextOptions<SalesDbContext> options) : DbContext(options)
{
    public DbSet<WindowRevenue> WindowRevenues => Set<WindowRevenue>();

    public DbSet<WindowShare> WindowShares => Set<WindowShare>();

    public DbSet<LateEvent> LateEvents => Set<LateEvent>();

    public DbSet<RejectedEvent> RejectedEvents => Set<RejectedEvent>();

    public DbSet<PartitionCheckpoint> PartitionCheckpoints => Set<PartitionCheckpoint>();

    public DbSet<OpenWindow> OpenWindows => Set<OpenWindow>();

    public DbSet<DataGap> DataGaps => Set<DataGap>();

    public DbSet<ClusterChange> ClusterChanges => Set<ClusterChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("public");
        modelBuilder.ApplyConfiguration(new WindowRevenueEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new WindowShareEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new LateEventEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new RejectedEventEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new PartitionCheckpointEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new OpenWindowEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new DataGapEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new ClusterChangeEntityTypeConfiguration());
    }
}
