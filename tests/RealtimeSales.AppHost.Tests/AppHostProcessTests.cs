using System.Diagnostics;
using System.Text.RegularExpressions;
using RealtimeSales.Testing;

namespace RealtimeSales.AppHost.Tests;

/// <summary>The AppHost as a user runs it: its own process, its console, its signals.</summary>
[Collection(AppHostCollection.Name)]
public sealed partial class AppHostProcessTests
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AppHostPrintsUsableEndpointsAndKillingItLeavesNoChildBehind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var appHost = StartAppHost("--Producer:EventsPerSecond=200");

        var kafka = await appHost.WaitForLineAsync(KafkaLine().IsMatch, s_readyTimeout, "'kafka: 127.0.0.1:PORT'", ct);
        var salesdb = await appHost.WaitForLineAsync(SalesDbLine().IsMatch, s_readyTimeout, "'salesdb: postgresql://USER:PASSWORD@127.0.0.1:PORT/salesdb'", ct);
        TestContext.Current.SendDiagnosticMessage($"{kafka}\n{salesdb}");

        // The printed URI works with psql as is: the aggregator has created its tables by the time it is printed.
        Assert.Equal("0", await PsqlAsync(salesdb["salesdb: ".Length..], "SELECT count(*) FROM data_gaps", ct));

        var children = ProcessTree.DescendantsOf(appHost.Id);
        Assert.True(children.Count >= 5, "expected the broker, PostgreSQL and the workers: " + string.Join("; ", children.Select(ProcessTree.Describe)));
        appHost.Kill();

        var survivors = await ProcessTree.WaitUntilGoneAsync(children, TimeSpan.FromSeconds(10), ct);
        Assert.True(survivors.Count == 0, "outlived the SIGKILLed AppHost: " + string.Join("; ", survivors.Select(ProcessTree.Describe)));

        // A killed AppHost cannot delete its per-run data directory; the test does, so that runs do not pile up in /tmp.
        var dataDirectory = DataDirectoryLine().Match(string.Join('\n', appHost.Lines));
        Assert.True(dataDirectory.Success, appHost.Tail());
        Directory.Delete(dataDirectory.Groups[1].Value, recursive: true);
    }

    [Fact]
    public async Task SigtermStopsTheProjectsBeforeWhatTheyUseAndExitsCleanly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var appHost = StartAppHost("--Producer:EventsPerSecond=200");
        await appHost.WaitForLineAsync(line => line.StartsWith("Ready in ", StringComparison.Ordinal), s_readyTimeout, "'Ready in'", ct);
        var children = ProcessTree.DescendantsOf(appHost.Id);

        appHost.Signal(PosixSignalNumber.Terminate);

        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60), ct));
        var lines = appHost.Lines.ToList();
        var aggregatorStopped = lines.FindIndex(line => line.Contains("aggregator| ", StringComparison.Ordinal) && line.Contains(AggregatorLines.StoppedAfterFinalCheckpoint, StringComparison.Ordinal));
        var brokerStopping = lines.FindIndex(line => line.Contains("DevBroker: SIGTERM, stopping.", StringComparison.Ordinal));
        var postgresStopping = lines.FindIndex(line => line.Contains("received fast shutdown request", StringComparison.Ordinal));
        Assert.True(aggregatorStopped >= 0 && aggregatorStopped < brokerStopping && aggregatorStopped < postgresStopping,
            $"the aggregator must stop (line {aggregatorStopped}) before the broker ({brokerStopping}) and PostgreSQL ({postgresStopping}):\n{appHost.Tail(60)}");
        Assert.Equal("Stopped.", lines[^1]);
        Assert.Empty(await ProcessTree.WaitUntilGoneAsync(children, TimeSpan.FromSeconds(5), ct));
    }

    [Fact]
    public async Task AResourceThatCannotStartStopsTheAppHostWithItsReasonAndExitCodeOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var foreignCluster = Directory.CreateTempSubdirectory("realtimesales-foreign-pg-");
        try
        {
            // A data directory holding some other cluster: its password is unknown, so LocalPostgres refuses it.
            await File.WriteAllTextAsync(Path.Combine(foreignCluster.FullName, "PG_VERSION"), "15\n", ct);
            await using var appHost = StartAppHost($"--Postgres:DataDirectory={foreignCluster.FullName}");

            Assert.Equal(1, await appHost.WaitForExitAsync(s_readyTimeout, ct));
            Assert.Contains(appHost.Lines, line => line.Contains("postgres  | [apphost] failed to start: ", StringComparison.Ordinal)
                && line.Contains("no 'realtimesales-credentials.json', so its password is unknown", StringComparison.Ordinal));
            Assert.Contains(appHost.Lines, line => line.Contains("salesdb   | [apphost] failed to start: it waits for 'postgres', which failed to start",
                StringComparison.Ordinal));
            Assert.Contains(appHost.Lines, line => line.Contains("postgres    Postgres          FailedToStart", StringComparison.Ordinal));
            Assert.Equal("Stopped.", appHost.Lines[^1]);
        }
        finally
        {
            foreignCluster.Delete(recursive: true);
        }
    }

    /// <summary><c>dotnet RealtimeSales.AppHost.dll</c> from its build output, on free ports, with short windows.</summary>
    private static ChildProcess StartAppHost(params string[] args) => ChildProcess.StartDotnet("apphost",
        Path.Combine(Projects.RealtimeSales_AppHost.ProjectDirectory, "bin", BuiltProject.Configuration, "net10.0", "RealtimeSales.AppHost.dll"),
        ["--Hosting:RandomizePorts=true", "--Aggregator:WindowSize=00:00:02", "--Aggregator:WatermarkDelay=00:00:02", .. args]);

    private static async Task<string> PsqlAsync(string uri, string sql, CancellationToken cancellationToken)
    {
        using var psql = Process.Start(new ProcessStartInfo("psql", [uri, "-At", "-c", sql]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await psql.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await psql.StandardError.ReadToEndAsync(cancellationToken);
        await psql.WaitForExitAsync(cancellationToken);
        Assert.True(psql.ExitCode == 0, $"psql failed: {errors}");
        return output.Trim();
    }

    [GeneratedRegex(@"Data directory (\S+) \(deleted when the application stops\)")]
    private static partial Regex DataDirectoryLine();

    [GeneratedRegex(@"^kafka: 127\.0\.0\.1:\d+$")]
    private static partial Regex KafkaLine();

    [GeneratedRegex(@"^salesdb: postgresql://\w+:\w+@127\.0\.0\.1:\d+/salesdb$")]
    private static partial Regex SalesDbLine();
}
