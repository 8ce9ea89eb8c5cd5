using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RealtimeSales.Data.Model;

namespace RealtimeSales.Data.EntityConfigurations;

internal sealed class DataGapEntityTypeConfiguration : IEntityTypeConfiguration<DataGap>
{
    public void Configure(EntityTypeBuilder<DataGap> builder)
    {
        builder.ToTable("data_gaps");
        builder.HasKey(g => new { g.Topic, g.Partition, g.FromOffset, g.ClusterId }).HasName("pk_data_gaps");

        builder.Property(g => g.Topic).HasColumnName("topic");
        builder.Property(g => g.ClusterId).HasColumnName("cluster_id").HasDefaultValue("");
        builder.Property(g => g.Partition).HasColumnName("partition");
        builder.Property(g => g.FromOffset).HasColumnName("from_offset");
        builder.Property(g => g.ToOffset).HasColumnName("to_offset");
        builder.Property(g => g.DetectedAt).HasColumnName("detected_at");
        builder.Property(g => g.Reason).HasColumnName("reason");
    }
}
