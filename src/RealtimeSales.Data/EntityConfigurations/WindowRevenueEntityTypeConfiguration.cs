using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RealtimeSales.Data.Model;

namespace RealtimeSales.Data.EntityConfigurations;

internal sealed class WindowRevenueEntityTypeConfiguration : IEntityTypeConfiguration<WindowRevenue>
{
    public void Configure(EntityTypeBuilder<WindowRevenue> builder)
    {
        builder.ToTable("window_revenue");
        builder.HasKey(w => new { w.Store, w.WindowStart }).HasName("pk_window_revenue");

        builder.Property(w => w.Store).HasColumnName("store");
        builder.Property(w => w.WindowStart).HasColumnName("window_start");
        builder.Property(w => w.WindowEnd).HasColumnName("window_end");
        builder.Property(w => w.TotalRevenue).HasColumnName("total_revenue").HasPrecision(18, 2);
        builder.Property(w => w.EventCount).HasColumnName("event_count");
        builder.Property(w => w.ClosedAt).HasColumnName("closed_at");

        // Dashboards ask for time ranges: by window start, and top_stores() by window end.
        builder.HasIndex(w => w.WindowStart).HasDatabaseName("ix_window_revenue_window_start");
        builder.HasIndex(w => w.WindowEnd).HasDatabaseName("ix_window_revenue_window_end");
    }
}
