using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RealtimeSales.Data.Model;

namespace RealtimeSales.Data.EntityConfigurations;

internal sealed class RejectedEventEntityTypeConfiguration : IEntityTypeConfiguration<RejectedEvent>
{
    public void Configure(EntityTypeBuilder<RejectedEvent> builder)
    {
        builder.ToTable("rejected_events");
        builder.HasKey(e => new { e.Topic, e.Partition, e.KafkaOffset, e.ClusterId }).HasName("pk_rejected_events");

        builder.Property(e => e.Topic).HasColumnName("topic");
        builder.Property(e => e.ClusterId).HasColumnName("cluster_id").HasDefaultValue("");
        builder.Property(e => e.Partition).HasColumnName("partition");
        builder.Property(e => e.KafkaOffset).HasColumnName("kafka_offset");
        builder.Property(e => e.KafkaKey).HasColumnName("kafka_key");
        builder.Property(e => e.Payload).HasColumnName("payload");
        builder.Property(e => e.Reason).HasColumnName("reason");
        builder.Property(e => e.ReceivedAt).HasColumnName("received_at");
    }
}
