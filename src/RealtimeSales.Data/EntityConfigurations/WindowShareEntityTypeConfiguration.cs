using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RealtimeSales.Data.Model;

namespace RealtimeSales.Data.EntityConfigurations;

internal sealed class WindowShareEntityTypeConfiguration : IEntityTypeConfiguration<WindowShare>
{
    public void Configure(EntityTypeBuilder<WindowShare> builder)
    {
        builder.ToTable("window_shares");
        // A share is counted once per partition of a cluster: a second copy fails the checkpoint instead of double-counting.
        builder.HasKey(s => new { s.Topic, s.Partition, s.ClusterId, s.Store, s.WindowStart }).HasName("pk_window_shares");

        builder.Property(s => s.Topic).HasColumnName("topic");
        builder.Property(s => s.Partition).HasColumnName("partition");
        builder.Property(s => s.ClusterId).HasColumnName("cluster_id");
        builder.Property(s => s.Store).HasColumnName("store");
        builder.Property(s => s.WindowStart).HasColumnName("window_start");
        builder.Property(s => s.WindowEnd).HasColumnName("window_end");
        builder.Property(s => s.TotalRevenue).HasColumnName("total_revenue").HasPrecision(18, 2);
        builder.Property(s => s.EventCount).HasColumnName("event_count");
        builder.Property(s => s.ClosedAt).HasColumnName("closed_at");

        // Which partitions hold a store's window: looked up by the window's key.
        builder.HasIndex(s => new { s.Store, s.WindowStart }).HasDatabaseName("ix_window_shares_store_window_start");
    }
}
