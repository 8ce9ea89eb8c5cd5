using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RealtimeSales.Data.Migrations
{
    /// <inheritdoc />
    public partial class ShareWindowsAcrossPartitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "checkpoint_id",
                schema: "public",
                table: "partition_checkpoints",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");

            migrationBuilder.CreateTable(
                name: "window_shares",
                schema: "public",
                columns: table => new
                {
                    topic = table.Column<string>(type: "text", nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    cluster_id = table.Column<string>(type: "text", nullable: false),
                    store = table.Column<string>(type: "text", nullable: false),
                    window_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    window_end = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    total_revenue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    event_count = table.Column<int>(type: "integer", nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_window_shares", x => new { x.topic, x.partition, x.cluster_id, x.store, x.window_start });
                });

            migrationBuilder.CreateIndex(
                name: "ix_window_shares_store_window_start",
                schema: "public",
                table: "window_shares",
                columns: new[] { "store", "window_start" });

            // Rows of window_revenue written before this migration came from one partition each and have no share row.
            migrationBuilder.Sql("""
                COMMENT ON TABLE public.window_shares IS
                    'One partition''s share of a closed window, counted once with that partition''s offsets. window_revenue holds their sum per store and window.';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "window_shares",
                schema: "public");

            migrationBuilder.DropColumn(
                name: "checkpoint_id",
                schema: "public",
                table: "partition_checkpoints");
        }
    }
}
