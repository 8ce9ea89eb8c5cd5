using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RealtimeSales.Data;
using RealtimeSales.Data.Model;
using RealtimeSales.Web.Sql;

namespace RealtimeSales.Web.Tests.Sql;

/// <summary>Sales databases with known rows, and the dashboard's read-only way into them.</summary>
internal static class SalesDatabases
{
    public static readonly DateTime Start = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    public static ReadOnlyDatabase ReaderFor(string ownerConnectionString, WebOptions? options = null) =>
        new(() => ownerConnectionString, Options.Create(options ?? new WebOptions()), NullLogger<ReadOnlyDatabase>.Instance);

    /// <summary>
    /// Three 30-second windows: store-1 sells 10.00 in each, store-2 20.50 in the last two, store-3 5.25 in the
    /// last one; plus one late and two rejected events.
    /// </summary>
    public static async Task FillAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var db = new SalesDbContext(new DbContextOptionsBuilder<SalesDbContext>().UseNpgsql(connectionString).Options);
        for (var window = 0; window < 3; window++)
        {
            db.WindowRevenues.Add(Window("store-1", window, 10.00m, 2));
            if (window >= 1)
            {
                db.WindowRevenues.Add(Window("store-2", window, 20.50m, 3));
            }

            if (window == 2)
            {
                db.WindowRevenues.Add(Window("store-3", window, 5.25m, 1));
            }
        }

        db.LateEvents.Add(new LateEvent
        {
            Topic = "sales",
            Partition = 0,
            KafkaOffset = 7,
            ClusterId = "c",
            Store = "store-1",
            Timestamp = Start,
            Price = 1.5m,
            WindowStart = Start,
            ReceivedAt = Start.AddMinutes(5),
        });
        for (var offset = 8; offset < 10; offset++)
        {
            db.RejectedEvents.Add(new RejectedEvent
            {
                Topic = "sales",
                Partition = 0,
                KafkaOffset = offset,
                ClusterId = "c",
                KafkaKey = null,
                Payload = [0x7b],
                Reason = "invalid JSON",
                ReceivedAt = Start.AddMinutes(5),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static WindowRevenue Window(string store, int window, decimal revenue, int events) => new()
    {
        Store = store,
        WindowStart = Start.AddSeconds(30 * window),
        WindowEnd = Start.AddSeconds(30 * (window + 1)),
        TotalRevenue = revenue,
        EventCount = events,
        ClosedAt = Start.AddSeconds((30 * (window + 1)) + 31),
    };
}
