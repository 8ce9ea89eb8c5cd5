using Npgsql;
using RealtimeSales.Hosting.Postgres;
using RealtimeSales.Testing;
using RealtimeSales.Testing.Aspire;

namespace RealtimeSales.AppHost.Tests;

/// <summary>
/// A persistent data directory keeps its data and its generated password from run to run (Aspire's own PostgreSQL
/// regenerated the password into a mismatch: dotnet/aspire#1151, #5399).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class PersistentDataTests
{
    [Fact]
    public async Task APersistentDataDirectoryKeepsItsDataAndPasswordAcrossRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "realtimesales-persistent-" + Guid.NewGuid().ToString("N"));
        try
        {
            var args = SalesApp.Arguments(new ProducerSettings(MaxEvents: 3_000, EventsPerSecond: 3_000, Seed: 31), $"--Postgres:DataDirectory={dataDirectory}");
            string firstPassword;
            long firstWindows;
            await using (var first = await SalesApp.StartAsync(args, ct))
            {
                var report = await first.CheckExactlyOnceAsync(ct);
                Assert.True(report.Differences.Count == 0, report.ToString());
                var salesdb = await first.ConnectionStringAsync("salesdb", ct);
                firstPassword = new NpgsqlConnectionStringBuilder(salesdb).Password!;
                firstWindows = await CountWindowsAsync(salesdb, ct);
                Assert.True(firstWindows > 0);
                await first.WaitForLogLineAsync("postgres", $"initdb created a PostgreSQL cluster in {dataDirectory}", SalesApp.LogTimeout, ct);
            }

            Assert.Equal(firstPassword, PostgresCredentials.TryLoad(dataDirectory)?.Password);
            await using var second = await SalesApp.StartAsync(args, ct);
            await second.WaitForHealthyAsync("salesdb", SalesApp.StartTimeout, ct);
            var again = await second.ConnectionStringAsync("salesdb", ct);

            Assert.Equal(firstPassword, new NpgsqlConnectionStringBuilder(again).Password);
            Assert.True(await CountWindowsAsync(again, ct) >= firstWindows, "the first run's windows are gone");
            await second.WaitForLogLineAsync("postgres", $"Data directory {dataDirectory} (kept across runs)", SalesApp.LogTimeout, ct);
            // The server logs whether initdb ran before it names the data directory: had it run, that line would be in by now.
            Assert.False(second.Resources.Any("postgres", line => line.Contains("initdb created", StringComparison.Ordinal)), second.Describe("postgres"));
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static async Task<long> CountWindowsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM window_revenue");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
