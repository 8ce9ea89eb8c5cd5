using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using RealtimeSales.Testing;
using RealtimeSales.Web.Sql;

namespace RealtimeSales.Web.Tests.Sql;

/// <summary>The SQL console against a real PostgreSQL server: answers as text, refuses every kind of write, stays within its bounds.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SqlConsoleTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AQueryAnswersWithColumnsAndRowsAsText()
    {
        var (console, _) = await ConsoleOnFilledDatabaseAsync();

        var outcome = await console.RunAsync(
            "SELECT store, total_revenue, event_count, window_start, NULL::text AS nothing FROM window_revenue WHERE store = 'store-3'", Ct);

        Assert.Null(outcome.Error);
        var result = Assert.Single(outcome.Results);
        Assert.Equal(["store", "total_revenue", "event_count", "window_start", "nothing"], result.Columns.Select(column => column.Name));
        Assert.Equal([false, true, true, false, false], result.Columns.Select(column => column.Numeric));
        Assert.Equal(["store-3", "5.25", "1", "2026-11-24 12:01:00+00", null], Assert.Single(result.Rows));
        Assert.False(result.Truncated);
    }

    [Theory]
    [InlineData("DELETE FROM window_revenue")]
    [InlineData("delete from window_revenue where true")]
    [InlineData("UPDATE window_revenue SET event_count = 0")]
    [InlineData("INSERT INTO late_events SELECT * FROM late_events")]
    [InlineData("TRUNCATE window_revenue")]
    [InlineData("DROP TABLE window_revenue")]
    [InlineData("CREATE TABLE mine (x int)")]
    [InlineData("CREATE TEMP TABLE mine (x int)")]
    [InlineData("SET default_transaction_read_only = off; DELETE FROM window_revenue")]
    [InlineData("COMMIT; DELETE FROM window_revenue")]
    [InlineData("ROLLBACK; SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM window_revenue")]
    [InlineData("WITH gone AS (DELETE FROM window_revenue RETURNING *) SELECT count(*) FROM gone")]
    public async Task EveryWriteIsRefusedAsReadOnly(string sql)
    {
        var (console, owner) = await ConsoleOnFilledDatabaseAsync();

        var outcome = await console.RunAsync(sql, Ct);

        Assert.Equal("read-only", outcome.ErrorKind);
        Assert.StartsWith("read-only: ", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(6L, await ScalarAsync(owner, "SELECT count(*) FROM window_revenue"));
        Assert.Equal(0L, await ScalarAsync(owner, "SELECT count(*) FROM pg_class WHERE relname = 'mine'"));

        // The console still works after a refused statement: its connection went back to the pool clean.
        Assert.Null((await console.RunAsync("SELECT 1", Ct)).Error);
    }

    [Fact]
    public async Task ALongQueryIsStoppedByTheStatementTimeout()
    {
        var (console, _) = await ConsoleOnFilledDatabaseAsync(new WebOptions { SqlStatementTimeout = TimeSpan.FromMilliseconds(300) });

        var outcome = await console.RunAsync("SELECT pg_sleep(10)", Ct);

        Assert.Equal("timeout", outcome.ErrorKind);
        Assert.Contains("0.3 s", outcome.Error, StringComparison.Ordinal);
        Assert.InRange(outcome.ElapsedMs, 0, 5_000);
    }

    [Fact]
    public async Task ResultsStopAtTheRowLimit()
    {
        var (console, _) = await ConsoleOnFilledDatabaseAsync(new WebOptions { SqlRowLimit = 10 });

        var outcome = await console.RunAsync("SELECT * FROM generate_series(1, 100000)", Ct);

        var result = Assert.Single(outcome.Results);
        Assert.Equal(10, result.Rows.Count);
        Assert.True(result.Truncated);
    }

    [Fact]
    public async Task SeveralStatementsGiveSeveralResults()
    {
        var (console, _) = await ConsoleOnFilledDatabaseAsync();

        var outcome = await console.RunAsync("SELECT * FROM data_gaps; SELECT * FROM late_summary;", Ct);

        Assert.Equal([0, 1], outcome.Results.Select(result => result.Rows.Count));
    }

    [Theory]
    [InlineData("SELEC 1", "42601", "syntax error")]
    [InlineData("SELECT * FROM no_such_table", "42P01", "does not exist")]
    [InlineData("SELECT 1/0", "22012", "division by zero")]
    [InlineData("   ", null, "Type a query first")]
    public async Task MistakesAreExplainedInASentence(string sql, string? sqlState, string explanation)
    {
        var (console, _) = await ConsoleOnFilledDatabaseAsync();

        var outcome = await console.RunAsync(sql, Ct);

        Assert.Equal("sql", outcome.ErrorKind);
        Assert.Contains(explanation, outcome.Error, StringComparison.Ordinal);
        Assert.Contains(sqlState ?? "", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCookbookQueryRunsAsTheReadOnlyRole()
    {
        var (console, _) = await ConsoleOnFilledDatabaseAsync();

        foreach (var query in new Cookbook().Queries)
        {
            var outcome = await console.RunAsync(query.Sql, Ct);
            Assert.True(outcome.Error is null, $"{query.Title}: {outcome.Error}");
        }
    }

    [Fact]
    public async Task TablesCreatedAfterTheRoleAreReadable()
    {
        // The dashboard may prepare its role before the aggregator has created the schema.
        var owner = await postgres.CreateDatabaseAsync(Ct);
        var console = new SqlConsole(SalesDatabases.ReaderFor(owner), Options.Create(new WebOptions()));
        Assert.Contains("42P01", (await console.RunAsync("SELECT * FROM window_revenue", Ct)).Error, StringComparison.Ordinal);

        await Data.SalesDatabase.MigrateAsync(owner, Ct);
        await SalesDatabases.FillAsync(owner, Ct);

        var outcome = await console.RunAsync("SELECT count(*) FROM window_revenue", Ct);
        Assert.Null(outcome.Error);
        Assert.Equal("6", Assert.Single(outcome.Results).Rows[0][0]);
    }

    [Fact]
    public async Task ADatabaseThatIsNotRunningIsExplained()
    {
        var console = new SqlConsole(
            new ReadOnlyDatabase(() => throw new DatabaseUnavailableException("salesdb is Exited; sales appear here once it runs."),
                Options.Create(new WebOptions()), NullLogger<ReadOnlyDatabase>.Instance),
            Options.Create(new WebOptions()));

        var outcome = await console.RunAsync("SELECT 1", Ct);

        Assert.Equal("unavailable", outcome.ErrorKind);
        Assert.Equal("salesdb is Exited; sales appear here once it runs.", outcome.Error);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(SqlConsole Console, string Owner)> ConsoleOnFilledDatabaseAsync(WebOptions? options = null)
    {
        var owner = await postgres.CreateSalesDatabaseAsync(Ct);
        await SalesDatabases.FillAsync(owner, Ct);
        options ??= new WebOptions();
        return (new SqlConsole(SalesDatabases.ReaderFor(owner, options), Options.Create(options)), owner);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync(Ct);
    }
}
