using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RealtimeSales.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "public");

            migrationBuilder.CreateTable(
                name: "cluster_changes",
                schema: "public",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    topic = table.Column<string>(type: "text", nullable: false),
                    previous_cluster_id = table.Column<string>(type: "text", nullable: false),
                    new_cluster_id = table.Column<string>(type: "text", nullable: false),
                    detected_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cluster_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_gaps",
                schema: "public",
                columns: table => new
                {
                    topic = table.Column<string>(type: "text", nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    from_offset = table.Column<long>(type: "bigint", nullable: false),
                    to_offset = table.Column<long>(type: "bigint", nullable: false),
                    detected_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_gaps", x => new { x.topic, x.partition, x.from_offset });
                });

            migrationBuilder.CreateTable(
                name: "late_events",
                schema: "public",
                columns: table => new
                {
                    topic = table.Column<string>(type: "text", nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    kafka_offset = table.Column<long>(type: "bigint", nullable: false),
                    store = table.Column<string>(type: "text", nullable: false),
                    ts = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    price = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    window_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_late_events", x => new { x.topic, x.partition, x.kafka_offset });
                });

            migrationBuilder.CreateTable(
                name: "open_windows",
                schema: "public",
                columns: table => new
                {
                    topic = table.Column<string>(type: "text", nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    store = table.Column<string>(type: "text", nullable: false),
                    window_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    total_revenue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    event_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open_windows", x => new { x.topic, x.partition, x.store, x.window_start });
                });

            migrationBuilder.CreateTable(
                name: "partition_checkpoints",
                schema: "public",
                columns: table => new
                {
                    topic = table.Column<string>(type: "text", nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    next_offset = table.Column<long>(type: "bigint", nullable: false),
                    max_ts = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    watermark = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    generation = table.Column<long>(type: "bigint", nullable: false),
                    cluster_id = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partition_checkpoints", x => new { x.topic, x.partition });
                });

            migrationBuilder.CreateTable(
                name: "rejected_events",
                schema: "public",
                columns: table => new
                {
                    topic = table.Column<string>(type: "text", nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    kafka_offset = table.Column<long>(type: "bigint", nullable: false),
                    kafka_key = table.Column<byte[]>(type: "bytea", nullable: true),
                    payload = table.Column<byte[]>(type: "bytea", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rejected_events", x => new { x.topic, x.partition, x.kafka_offset });
                });

            migrationBuilder.CreateTable(
                name: "window_revenue",
                schema: "public",
                columns: table => new
                {
                    store = table.Column<string>(type: "text", nullable: false),
                    window_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    window_end = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    total_revenue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    event_count = table.Column<int>(type: "integer", nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_window_revenue", x => new { x.store, x.window_start });
                });

            migrationBuilder.CreateIndex(
                name: "ix_window_revenue_window_end",
                schema: "public",
                table: "window_revenue",
                column: "window_end");

            migrationBuilder.CreateIndex(
                name: "ix_window_revenue_window_start",
                schema: "public",
                table: "window_revenue",
                column: "window_start");

            // Views and a function for the common questions (DESIGN.md, "Tables"). They belong to this
            // migration's snapshot of the schema: a later change gets a new migration, never an edit here.
            // Names are schema-qualified so that they land in, and read from, public whatever the search_path.
            // Minutes and hours are UTC buckets (date_trunc with 'UTC'), so they do not depend on the session's
            // TimeZone; a window counts in the bucket its start falls into.
            migrationBuilder.Sql("""
                CREATE VIEW public.revenue_per_store_minute AS
                SELECT store,
                       date_trunc('minute', window_start, 'UTC') AS minute,
                       sum(total_revenue) AS total_revenue,
                       sum(event_count) AS event_count
                FROM public.window_revenue
                GROUP BY store, date_trunc('minute', window_start, 'UTC');

                COMMENT ON VIEW public.revenue_per_store_minute IS
                    'Closed-window revenue per store per UTC minute. Example: SELECT * FROM revenue_per_store_minute WHERE minute >= now() - interval ''15 minutes'' ORDER BY minute DESC, store;';

                CREATE VIEW public.revenue_per_store_hour AS
                SELECT store,
                       date_trunc('hour', window_start, 'UTC') AS hour,
                       sum(total_revenue) AS total_revenue,
                       sum(event_count) AS event_count
                FROM public.window_revenue
                GROUP BY store, date_trunc('hour', window_start, 'UTC');

                COMMENT ON VIEW public.revenue_per_store_hour IS
                    'Closed-window revenue per store per UTC hour. Example: SELECT * FROM revenue_per_store_hour WHERE hour >= date_trunc(''day'', now()) ORDER BY hour, store;';

                CREATE VIEW public.store_totals AS
                SELECT store,
                       sum(total_revenue) AS total_revenue,
                       sum(event_count) AS event_count,
                       min(window_start) AS first_window,
                       max(window_start) AS last_window
                FROM public.window_revenue
                GROUP BY store;

                COMMENT ON VIEW public.store_totals IS
                    'All closed-window revenue per store, with its first and last window start. Example: SELECT * FROM store_totals ORDER BY total_revenue DESC;';

                CREATE VIEW public.late_summary AS
                SELECT store,
                       count(*) AS late_events,
                       sum(price) AS late_revenue,
                       max(received_at) AS last_seen
                FROM public.late_events
                GROUP BY store;

                COMMENT ON VIEW public.late_summary IS
                    'Events that arrived after their window closed, per store; never counted in window_revenue. Example: SELECT * FROM late_summary ORDER BY late_events DESC;';
                """);

            // Reasons carry details (a byte position, a parser message), so grouping by the full text would
            // give one row per message. The category is the part before the first ':' with free-standing numbers
            // replaced by N: invalid JSON, price, missing field 'ts', invalid UTF-8 at byte N, and so on.
            migrationBuilder.Sql("""
                CREATE VIEW public.rejected_summary AS
                SELECT regexp_replace(split_part(reason, ':', 1), '(^|\s)[0-9]+', '\1N', 'g') AS category,
                       count(*) AS rejected_events,
                       max(received_at) AS last_seen,
                       (array_agg(reason ORDER BY received_at DESC, kafka_offset DESC))[1] AS latest_reason
                FROM public.rejected_events
                GROUP BY 1;

                COMMENT ON VIEW public.rejected_summary IS
                    'Rejected messages per kind of reason, with the latest full reason. Example: SELECT * FROM rejected_summary ORDER BY rejected_events DESC;';
                """);

            migrationBuilder.Sql("""
                CREATE FUNCTION public.top_stores(minutes integer, n integer DEFAULT 10)
                RETURNS TABLE (store text, total_revenue numeric, event_count bigint)
                LANGUAGE sql STABLE
                AS $$
                    SELECT w.store, sum(w.total_revenue), sum(w.event_count)
                    FROM public.window_revenue w
                    WHERE w.window_end > now() - make_interval(mins => minutes)
                    GROUP BY w.store
                    ORDER BY 2 DESC, 1
                    LIMIT n
                $$;

                COMMENT ON FUNCTION public.top_stores(integer, integer) IS
                    'The n stores with the most revenue in windows that ended within the last given minutes. Example: SELECT * FROM top_stores(60, 5);';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION public.top_stores(integer, integer);
                DROP VIEW public.rejected_summary;
                DROP VIEW public.late_summary;
                DROP VIEW public.store_totals;
                DROP VIEW public.revenue_per_store_hour;
                DROP VIEW public.revenue_per_store_minute;
                """);

            migrationBuilder.DropTable(
                name: "cluster_changes",
                schema: "public");

            migrationBuilder.DropTable(
                name: "data_gaps",
                schema: "public");

            migrationBuilder.DropTable(
                name: "late_events",
                schema: "public");

            migrationBuilder.DropTable(
                name: "open_windows",
                schema: "public");

            migrationBuilder.DropTable(
                name: "partition_checkpoints",
                schema: "public");

            migrationBuilder.DropTable(
                name: "rejected_events",
                schema: "public");

            migrationBuilder.DropTable(
                name: "window_revenue",
                schema: "public");
        }
    }
}
