using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RealtimeSales.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeyEventsByCluster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_rejected_events",
                schema: "public",
                table: "rejected_events");

            migrationBuilder.DropPrimaryKey(
                name: "pk_late_events",
                schema: "public",
                table: "late_events");

            migrationBuilder.DropPrimaryKey(
                name: "pk_data_gaps",
                schema: "public",
                table: "data_gaps");

            migrationBuilder.AddColumn<string>(
                name: "cluster_id",
                schema: "public",
                table: "rejected_events",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "cluster_id",
                schema: "public",
                table: "late_events",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "cluster_id",
                schema: "public",
                table: "data_gaps",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "pk_rejected_events",
                schema: "public",
                table: "rejected_events",
                columns: new[] { "topic", "partition", "kafka_offset", "cluster_id" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_late_events",
                schema: "public",
                table: "late_events",
                columns: new[] { "topic", "partition", "kafka_offset", "cluster_id" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_data_gaps",
                schema: "public",
                table: "data_gaps",
                columns: new[] { "topic", "partition", "from_offset", "cluster_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_rejected_events",
                schema: "public",
                table: "rejected_events");

            migrationBuilder.DropPrimaryKey(
                name: "pk_late_events",
                schema: "public",
                table: "late_events");

            migrationBuilder.DropPrimaryKey(
                name: "pk_data_gaps",
                schema: "public",
                table: "data_gaps");

            migrationBuilder.DropColumn(
                name: "cluster_id",
                schema: "public",
                table: "rejected_events");

            migrationBuilder.DropColumn(
                name: "cluster_id",
                schema: "public",
                table: "late_events");

            migrationBuilder.DropColumn(
                name: "cluster_id",
                schema: "public",
                table: "data_gaps");

            migrationBuilder.AddPrimaryKey(
                name: "pk_rejected_events",
                schema: "public",
                table: "rejected_events",
                columns: new[] { "topic", "partition", "kafka_offset" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_late_events",
                schema: "public",
                table: "late_events",
                columns: new[] { "topic", "partition", "kafka_offset" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_data_gaps",
                schema: "public",
                table: "data_gaps",
                columns: new[] { "topic", "partition", "from_offset" });
        }
    }
}
