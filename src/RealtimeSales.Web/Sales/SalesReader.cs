using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RealtimeSales.Data;
using RealtimeSales.Web.Sql;

namespace RealtimeSales.Web.Sales;

/// <summary>Reads the Sales page's numbers from <c>salesdb</c> through the read-only role, with the schema's own DbContext.</summary>
internal sealed class SalesReader(ReadOnlyDatabase database, TimeProvider time)
{
    public const int TopStores = 10;

    // Windows close every W seconds (30 by default): a poll a second shows a new one within a second of its commit.
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromSeconds(1);

    // SQLSTATE 42P01: the aggregator has not applied the migrations yet.
    private const string UndefinedTable = "42P01";

    private readonly Lock _gate = new();
    private NpgsqlDataSource? _source;
    private DbContextOptions<SalesDbContext>? _options;

    /// <summary>The current view, then a new one each time a window closes (or the database's state changes), until cancelled.</summary>
    public async IAsyncEnumerable<SalesView> WatchAsync(int windows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(s_pollInterval, time);
        string? shown = null;
        do
        {
            var view = await ReadAsync(windows, cancellationToken);
            if (view.ChangeKey() != shown)
            {
                shown = view.ChangeKey();
                yield return view;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    public async Task<SalesView> ReadAsync(int windows, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = new SalesDbContext(await OptionsAsync(cancellationToken));
            var totals = await db.WindowRevenues
                .GroupBy(_ => 1)
                .Select(all => new SalesTotals(all.Sum(w => w.TotalRevenue), all.Sum(w => (long)w.EventCount), all.Count(),
                    all.Select(w => w.Store).Distinct().Count(), 0, 0, all.Max(w => (DateTime?)w.ClosedAt)))
                .SingleOrDefaultAsync(cancellationToken) ?? SalesTotals.None;
            totals = totals with
            {
                LateEvents = await db.LateEvents.LongCountAsync(cancellationToken),
                RejectedEvents = await db.RejectedEvents.LongCountAsync(cancellationToken),
            };

            var starts = await db.WindowRevenues.Select(w => w.WindowStart).Distinct().OrderByDescending(start => start).Take(windows)
                .ToListAsync(cancellationToken);
            var oldest = starts.Count == 0 ? DateTime.MaxValue : starts[^1];
            var rows = await db.WindowRevenues.Where(w => w.WindowStart >= oldest).ToListAsync(cancellationToken);
            var latest = rows.GroupBy(w => (w.WindowStart, w.WindowEnd))
                .OrderByDescending(window => window.Key.WindowStart)
                .Select(window => new WindowSummary(window.Key.WindowStart, window.Key.WindowEnd, window.Sum(w => w.TotalRevenue),
                    window.Sum(w => (long)w.EventCount), [.. window.OrderBy(w => w.Store).Select(w => new StoreRevenue(w.Store, w.TotalRevenue, w.EventCount))]))
                .ToList();

            // Ordered before the record is made: EF Core translates an anonymous projection, not a constructor, into ORDER BY.
            var top = await db.WindowRevenues
                .GroupBy(w => w.Store)
                .Select(store => new { Store = store.Key, Revenue = store.Sum(w => w.TotalRevenue), Events = store.Sum(w => (long)w.EventCount) })
                .OrderByDescending(store => store.Revenue).ThenBy(store => store.Store)
                .Take(TopStores)
                .ToListAsync(cancellationToken);
            return new SalesView(null, totals, latest, [.. top.Select(store => new StoreRevenue(store.Store, store.Revenue, store.Events))]);
        }
        catch (DatabaseUnavailableException e)
        {
            return SalesView.Unavailable(e.Message);
        }
        catch (PostgresException e) when (e.SqlState == UndefinedTable)
        {
            return SalesView.Unavailable("The sales tables do not exist yet: the aggregator creates them when it starts.");
        }
        catch (NpgsqlException e)
        {
            return SalesView.Unavailable($"{ReadOnlyDatabase.DatabaseResource} cannot be reached: {e.Message}");
        }
    }

    private async Task<DbContextOptions<SalesDbContext>> OptionsAsync(CancellationToken cancellationToken)
    {
        var source = await database.GetAsync(cancellationToken);
        lock (_gate)
        {
            // Built once per data source: EF Core caches its internal services per distinct set of options.
            if (_options is null || _source != source)
            {
                _source = source;
                _options = new DbContextOptionsBuilder<SalesDbContext>().UseNpgsql(source).Options;
            }

            return _options;
        }
    }
}
