using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RealtimeSales.Data.Model;

namespace RealtimeSales.Data.EntityConfigurations;

internal sealed class PartitionCheckpointEntityTypeConfiguration : IEntityTypeConfiguration<PartitionCheckpoint>
{
    public void Configure(EntityTypeBuilder<PartitionCheckpoint> builder)
    {
        builder.ToTable("partition_checkpoints");
        builder.HasKey(c => new { c.Topic, c.Partition }).HasName("pk_partition_checkpoints");

        builder.Property(c => c.Topic).HasColumnName("topic");
        builder.Property(c => c.Partition).HasColumnName("partition");
        builder.Property(c => c.NextOffset).HasColumnName("next_offset");
        builder.Property(c => c.MaxTimestamp).HasColumnName("max_ts");
        builder.Property(c => c.Watermark).HasColumnName("watermark");
        builder.Property(c => c.Generation).HasColumnName("generation");
        builder.Property(c => c.ClusterId).HasColumnName("cluster_id");
        builder.Property(c => c.CheckpointId).HasColumnName("checkpoint_id").HasDefaultValueSql("gen_random_uuid()");
        builder.Property(c => c.UpdatedAt).HasColumnName("updated_at");
    }
}
