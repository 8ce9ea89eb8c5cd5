using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RealtimeSales.Data.Model;

namespace RealtimeSales.Data.EntityConfigurations;

internal sealed class ClusterChangeEntityTypeConfiguration : IEntityTypeConfiguration<ClusterChange>
{
    public void Configure(EntityTypeBuilder<ClusterChange> builder)
    {
        builder.ToTable("cluster_changes");

        // A surrogate key: one transaction (one now()) may record several changes for a topic, when its
        // partitions had last been read from different clusters.
        builder.HasKey(c => c.Id).HasName("pk_cluster_changes");
        builder.Property(c => c.Id).HasColumnName("id").UseIdentityAlwaysColumn();

        builder.Property(c => c.Topic).HasColumnName("topic");
        builder.Property(c => c.PreviousClusterId).HasColumnName("previous_cluster_id");
        builder.Property(c => c.NewClusterId).HasColumnName("new_cluster_id");
        builder.Property(c => c.DetectedAt).HasColumnName("detected_at");
    }
}
