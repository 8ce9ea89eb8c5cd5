using Npgsql;
using RealtimeSales.Hosting.Testing;
using RealtimeSales.Testing;

namespace RealtimeSales.AppHost.Tests;

/// <summary>
/// A persistent data directory keeps its data and its generated password from run to run (Aspire regenerated
/// the password into a mismatch: #1151, #5399).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class PersistentDataTests
{
    [Fact]
    public async Task APersistentDataDirectoryKeepsItsDataAndPasswordAcrossRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "realtimesales-apphost-" + Guid.NewGuid().ToString("N"));
        try
        {
            var args = SalesApp.Arguments(new ProducerSettings(MaxEvents: 3_000, EventsPerSecond: 3_000, Seed: 31), $"--Postgres:DataDirectory={dataDirectory}");
            string firstPassword;
            long firstWindows;
            await using (var first = await SalesApp.StartAsync(args, ct))
            {
                var report = await SalesApp.CheckExactlyOnceAsync(first, ct);
                Assert.True(report.Differences.Count == 0, report.ToString());
                var salesdb = await first.GetConnectionStringAsync("salesdb", cancellationToken: ct);
                firstPassword = new NpgsqlConnectionStringBuilder(salesdb).Password!;
                firstWindows = await CountWindowsAsync(salesdb, ct);
                Assert.True(firstWindows > 0);
            }

            await using var second = await SalesApp.StartAsync(args, ct);
            await second.WaitForResourceHealthyAsync("salesdb", cancellationToken: ct);
            var again = await second.GetConnectionStringAsync("salesdb", cancellationToken: ct);

            Assert.Equal(firstPassword, new NpgsqlConnectionStringBuilder(again).Password);
            Assert.True(await CountWindowsAsync(again, ct) >= firstWindows, "the first run's windows are gone");
            Assert.Contains(second.GetResourceLogs("postgres"), line => line.Contains($"Data directory {dataDirectory} (kept", StringComparison.Ordinal));
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
