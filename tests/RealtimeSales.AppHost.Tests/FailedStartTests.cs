using Aspire.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Postgres;
using RealtimeSales.Testing.Aspire;

namespace RealtimeSales.AppHost.Tests;

/// <summary>A resource that cannot start fails with its reason, and what depends on it fails too instead of waiting forever.</summary>
[Collection(AppHostCollection.Name)]
public sealed class FailedStartTests
{
    [Fact]
    public async Task AForeignDataDirectoryFailsPostgresWithItsReasonAndEverythingThatNeedsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var foreignCluster = Directory.CreateTempSubdirectory("realtimesales-foreign-pg-");
        try
        {
            // A data directory holding some other cluster: its password is unknown, so the server must not start on it.
            await File.WriteAllTextAsync(Path.Combine(foreignCluster.FullName, "PG_VERSION"), "15\n", ct);
            await using var app = await SalesApp.StartAsync([$"--Postgres:DataDirectory={foreignCluster.FullName}"], ct);

            foreach (var resource in (string[])["postgres", "salesdb", "aggregator", "web"])
            {
                await app.WaitForStateAsync(resource, KnownResourceStates.FailedToStart, SalesApp.StartTimeout, ct);
            }

            await app.WaitForLogLineAsync("postgres", "no 'realtimesales-credentials.json', so its password is unknown", SalesApp.LogTimeout, ct);
            await app.WaitForLogLineAsync("salesdb", "Could not start", SalesApp.LogTimeout, ct);
            Assert.Null(WorkerProcesses.ReportedProcessId(app.Instance("postgres")));

            // Kafka does not need PostgreSQL, and neither does the producer.
            await app.WaitForHealthyAsync("producer", SalesApp.StartTimeout, ct);
        }
        finally
        {
            foreignCluster.Delete(recursive: true);
        }
    }

    [Fact]
    public void MissingPostgresProgramsNameThePackageToInstall()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresBinaries.Locate("/nonexistent/postgresql/bin"));

        Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:salesdb", error.Message, StringComparison.Ordinal);
    }
}
