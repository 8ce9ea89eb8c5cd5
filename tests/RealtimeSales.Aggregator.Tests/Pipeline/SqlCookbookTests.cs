using System.Text.RegularExpressions;
using Npgsql;
using RealtimeSales.Oracle;
using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>Every query of the README's SQL cookbook runs against a database the real pipeline filled.</summary>
[Collection(PipelineCollection.Name)]
public sealed partial class SqlCookbookTests(PostgresFixture postgres)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task EveryCookbookQueryRunsAndTheOnesAboutSalesReturnRows()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var queries = CookbookQueries();
        Assert.True(queries.Count >= 8, $"found only {queries.Count} sql blocks in README.md");
        var database = await postgres.CreateDatabaseAsync(cancellationToken);
        var settings = new AggregatorSettings();
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 3, cancellationToken);
        await using var aggregator = Workers.StartAggregator("aggregator", broker.BootstrapServers, database, settings);
        await using var producer = Workers.StartProducer("producer", broker.BootstrapServers,
            new ProducerSettings(MaxEvents: 4_000, EventsPerSecond: 2_000, LateFraction: 0.05, MalformedFraction: 0.02, Seed: 3));
        Assert.True(await producer.WaitForExitAsync(s_timeout, cancellationToken) == 0, "the producer failed:\n" + producer.Tail());

        // A store that another writer spreads over two partitions, for the query about split stores.
        ProducerTally written;
        using (var writer = new ReceiptWriter(broker.BootstrapServers))
        {
            for (var i = 0; i < 10; i++)
            {
                await writer.WriteAsync("split-store", 2.50m, partition: i % 2, cancellationToken);
            }

            written = writer.Tally;
        }

        var report = await ExactlyOnce.CheckAsync(broker.BootstrapServers, database, settings, ProducerLines.Tally(producer.Lines) + written, s_timeout,
            () => aggregator.Tail(), cancellationToken);
        Assert.True(report.Differences.Count == 0, report.ToString());

        await using var dataSource = NpgsqlDataSource.Create(database);
        foreach (var query in queries)
        {
            await using var command = dataSource.CreateCommand(query);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = 0;
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows++;
                }
            }
            while (await reader.NextResultAsync(cancellationToken));

            // Gaps and cluster changes are empty in a healthy run; everything else is about the sales just made.
            if (!query.Contains("data_gaps", StringComparison.Ordinal))
            {
                Assert.True(rows > 0, $"no rows from:\n{query}");
            }
        }
    }

    private static List<string> CookbookQueries()
    {
        var readme = File.ReadAllText(Path.Combine(BuiltProject.RepositoryRoot, "README.md"));
        return [.. SqlBlock().Matches(readme).Select(match => match.Groups[1].Value)];
    }

    [GeneratedRegex("```sql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
