using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RealtimeSales.Data.Model;

namespace RealtimeSales.Data.EntityConfigurations;

internal sealed class LateEventEntityTypeConfiguration : IEntityTypeConfiguration<LateEvent>
{
    public void Configure(EntityTypeBuilder<LateEvent> builder)
    {
        builder.ToTable("late_events");
        builder.HasKey(e => new { e.Topic, e.Partition, e.KafkaOffset, e.ClusterId }).HasName("pk_late_events");

        builder.Property(e => e.Topic).HasColumnName("topic");
        builder.Property(e => e.ClusterId).HasColumnName("cluster_id").HasDefaultValue("");
        builder.Property(e => e.Partition).HasColumnName("partition");
        builder.Property(e => e.KafkaOffset).HasColumnName("kafka_offset");
        builder.Property(e => e.Store).HasColumnName("store");
        builder.Property(e => e.Timestamp).HasColumnName("ts");
        builder.Property(e => e.Price).HasColumnName("price").HasPrecision(18, 2);
        builder.Property(e => e.WindowStart).HasColumnName("window_start");
        builder.Property(e => e.ReceivedAt).HasColumnName("received_at");
    }
}
