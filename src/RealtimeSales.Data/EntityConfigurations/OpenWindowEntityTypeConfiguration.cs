using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RealtimeSales.Data.Model;

namespace RealtimeSales.Data.EntityConfigurations;

internal sealed class OpenWindowEntityTypeConfiguration : IEntityTypeConfiguration<OpenWindow>
{
    public void Configure(EntityTypeBuilder<OpenWindow> builder)
    {
        builder.ToTable("open_windows");
        builder.HasKey(w => new { w.Topic, w.Partition, w.Store, w.WindowStart }).HasName("pk_open_windows");

        builder.Property(w => w.Topic).HasColumnName("topic");
        builder.Property(w => w.Partition).HasColumnName("partition");
        builder.Property(w => w.Store).HasColumnName("store");
        builder.Property(w => w.WindowStart).HasColumnName("window_start");
        builder.Property(w => w.TotalRevenue).HasColumnName("total_revenue").HasPrecision(18, 2);
        builder.Property(w => w.EventCount).HasColumnName("event_count");
    }
}
