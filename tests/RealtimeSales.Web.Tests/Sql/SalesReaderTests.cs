using RealtimeSales.Testing;
using RealtimeSales.Web.Sales;

namespace RealtimeSales.Web.Tests.Sql;

/// <summary>The Sales page's numbers, read through the read-only role from a database with known rows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SalesReaderTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TheViewHoldsTotalsTheLatestWindowsNewestFirstAndTheTopStores()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = await postgres.CreateSalesDatabaseAsync(ct);
        await SalesDatabases.FillAsync(owner, ct);
        await using var database = SalesDatabases.ReaderFor(owner);

        var view = await new SalesReader(database, TimeProvider.System).ReadAsync(windows: 2, ct);

        Assert.Null(view.Problem);
        Assert.Equal(new SalesTotals(30m + 41m + 5.25m, 6 + 6 + 1, 6, 3, 1, 2, SalesDatabases.Start.AddSeconds(121)), view.Totals);
        Assert.Equal([SalesDatabases.Start.AddSeconds(60), SalesDatabases.Start.AddSeconds(30)], view.Windows.Select(window => window.Start));
        var newest = view.Windows[0];
        Assert.Equal(SalesDatabases.Start.AddSeconds(90), newest.End);
        Assert.Equal(35.75m, newest.Revenue);
        Assert.Equal(6, newest.Events);
        Assert.Equal(["store-1", "store-2", "store-3"], newest.Stores.Select(store => store.Store));
        Assert.Equal([new StoreRevenue("store-2", 41m, 6), new StoreRevenue("store-1", 30m, 6), new StoreRevenue("store-3", 5.25m, 1)], view.TopStores);
    }

    [Fact]
    public async Task BeforeTheSchemaExistsTheViewSaysSo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SalesDatabases.ReaderFor(await postgres.CreateDatabaseAsync(ct));

        var view = await new SalesReader(database, TimeProvider.System).ReadAsync(windows: 20, ct);

        Assert.Equal("The sales tables do not exist yet: the aggregator creates them when it starts.", view.Problem);
        Assert.Empty(view.Windows);
    }
}
