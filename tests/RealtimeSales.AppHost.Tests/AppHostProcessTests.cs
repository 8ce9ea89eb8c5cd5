using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RealtimeSales.Testing;
using RealtimeSales.Testing.Aspire;

namespace RealtimeSales.AppHost.Tests;

/// <summary>The AppHost as a user runs it: its own process, its console, its signals, with DCP and the Aspire dashboard.</summary>
[Collection(AppHostCollection.Name)]
public sealed partial class AppHostProcessTests
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The projects' own programs, not the <c>dotnet run</c> that DCP starts for each: that one is there seconds before
    /// the program it launches, and a test that went by it signalled an AppHost whose aggregator had not started yet.
    /// </summary>
    private static readonly string[] s_projectPrograms =
        [.. new[] { "RealtimeSales.Producer", "RealtimeSales.Aggregator", "RealtimeSales.Web" }.Select(project => $"/bin/{BuiltProject.Configuration}/net10.0/{project}")];

    [Fact]
    public async Task AppHostPrintsTheDashboardLinkAndUsableEndpointsAndKillingItLeavesNoChildBehind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var appHost = StartAppHost("--Producer:EventsPerSecond=200");

        var login = await appHost.WaitForLineAsync(LoginLine().IsMatch, s_readyTimeout, "'Login to the dashboard at http://…/login?t=…'", ct);
        var kafka = await appHost.WaitForLineAsync(KafkaLine().IsMatch, s_readyTimeout, "'kafka: 127.0.0.1:PORT'", ct);
        var salesdb = await appHost.WaitForLineAsync(SalesDbLine().IsMatch, s_readyTimeout, "'salesdb: postgresql://USER:PASSWORD@127.0.0.1:PORT/salesdb'", ct);
        TestContext.Current.SendDiagnosticMessage($"{login}\n{kafka}\n{salesdb}");

        // The printed URI works with psql as is.
        Assert.Equal("1", await PsqlAsync(SalesDbLine().Match(salesdb).Groups["uri"].Value, "SELECT 1", ct));
        var dataDirectory = Assert.Single(Directory.GetDirectories(Path.GetTempPath(), $"realtimesales-apphost-pg-{appHost.Id}-*"));

        var children = await WaitForChildrenAsync(appHost, ["dcp", "RealtimeSales.DevBroker.dll", "postgres -D", "Aspire.Dashboard", .. s_projectPrograms], ct);
        appHost.Kill();

        var survivors = await ProcessTree.WaitUntilGoneAsync(children, TimeSpan.FromSeconds(30), ct);
        Assert.True(survivors.Count == 0, "outlived the SIGKILLed AppHost: " + string.Join("; ", survivors.Select(ProcessTree.Describe)));

        // A killed AppHost cannot delete its data directory: the next one to start does.
        Assert.True(Directory.Exists(dataDirectory));
        await using var next = StartAppHost("--Producer:EventsPerSecond=200");
        await next.WaitForLineAsync(line => line.Contains($"Removed {dataDirectory}, left behind by AppHost process {appHost.Id}", StringComparison.Ordinal),
            s_readyTimeout, $"the next AppHost to remove {dataDirectory}", ct);
        Assert.False(Directory.Exists(dataDirectory));
        next.Signal(PosixSignalNumber.Terminate);
        Assert.Equal(0, await next.WaitForExitAsync(TimeSpan.FromSeconds(60), ct));
    }

    [Fact]
    public async Task SigtermStopsTheWorkersBeforeWhatTheyUseWithinSecondsAndLeavesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var appHost = StartAppHost("--Producer:EventsPerSecond=200");
        await appHost.WaitForLineAsync(line => line.Contains("Distributed application started", StringComparison.Ordinal), s_readyTimeout, "'Distributed application started'", ct);
        var children = await WaitForChildrenAsync(appHost, ["RealtimeSales.DevBroker.dll", "postgres -D", .. s_projectPrograms], ct);
        var workers = children.Where(pid => Runs(pid, "/RealtimeSales.Producer") || Runs(pid, "/RealtimeSales.Aggregator")).ToList();
        var infrastructure = children.Where(pid => Runs(pid, "RealtimeSales.DevBroker.dll") || Runs(pid, "postgres -D")).ToList();
        var dataDirectory = Assert.Single(Directory.GetDirectories(Path.GetTempPath(), $"realtimesales-apphost-pg-{appHost.Id}-*"));

        var names = children.ToDictionary(pid => pid, ProcessTree.Describe);
        var stopping = Stopwatch.StartNew();
        appHost.Signal(PosixSignalNumber.Terminate);

        // Every process's exit, the AppHost's included, until all are gone: one that outlives the AppHost is seen too.
        var exited = new Dictionary<int, TimeSpan>();
        TimeSpan? stopTime = null;
        while ((stopTime is null || exited.Count < children.Count) && stopping.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var pid in children.Where(pid => !exited.ContainsKey(pid) && !ProcessTree.IsAlive(pid)))
            {
                exited[pid] = stopping.Elapsed;
            }

            stopTime ??= appHost.HasExited ? stopping.Elapsed : null;
            await Task.Delay(20, ct);
        }

        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60), ct));
        var timeline = $"SIGTERM at 0 s, the AppHost exited at {stopTime?.TotalSeconds:0.00} s; " + string.Join("; ", children
            .OrderBy(pid => exited.GetValueOrDefault(pid, TimeSpan.MaxValue))
            .Select(pid => $"{names[pid]} {(exited.TryGetValue(pid, out var at) ? $"exited at {at.TotalSeconds:0.00} s" : "still running")}"));
        TestContext.Current.SendDiagnosticMessage("graceful stop: " + timeline);
        var lastWorker = workers.Max(pid => exited.GetValueOrDefault(pid, TimeSpan.MaxValue));
        var firstInfrastructure = infrastructure.Min(pid => exited.GetValueOrDefault(pid, TimeSpan.MaxValue));
        Assert.True(lastWorker < firstInfrastructure, $"the workers must stop before the broker and PostgreSQL: {timeline}\n{appHost.Tail(60)}");
        Assert.True(stopTime < TimeSpan.FromSeconds(15), $"a graceful stop took too long: {timeline}");
        Assert.True(exited.Count == children.Count, $"outlived the AppHost: {timeline}");
        Assert.False(Directory.Exists(dataDirectory), $"{dataDirectory} outlived the AppHost");
    }

    /// <summary>
    /// The built AppHost as <c>dotnet run</c> with the default (http) launch profile starts it, but on free ports, so
    /// that it never fights a developer's own AppHost.
    /// </summary>
    private static ChildProcess StartAppHost(params string[] args)
    {
        var dashboard = new AspireDashboardAddresses();
        return ChildProcess.Start("apphost",
            Path.Combine(Projects.RealtimeSales_AppHost.ProjectPath, "bin", BuiltProject.Configuration, "net10.0", "RealtimeSales.AppHost"),
            ["--Aggregator:WindowSize=00:00:02", "--Aggregator:WatermarkDelay=00:00:02", .. args],
            new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                ["ASPNETCORE_URLS"] = dashboard.Frontend.ToString(),
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = dashboard.Otlp.ToString(),
                ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = dashboard.ResourceService.ToString(),
            });
    }

    /// <summary>Waits until the AppHost's process tree holds a process for each of <paramref name="expected"/>; returns the whole tree.</summary>
    private static async Task<HashSet<int>> WaitForChildrenAsync(ChildProcess appHost, string[] expected, CancellationToken cancellationToken)
    {
        HashSet<int> children = [];
        await Eventually.WaitUntilAsync(() =>
            {
                children = ProcessTree.DescendantsOf(appHost.Id);
                return Task.FromResult(expected.All(part => children.Any(pid => Runs(pid, part))));
            },
            s_readyTimeout, "the AppHost's processes: " + string.Join(", ", expected),
            () => string.Join("; ", children.Select(ProcessTree.Describe)) + "\n" + appHost.Tail(), cancellationToken);
        return children;
    }

    private static bool Runs(int pid, string part) => ProcessTree.CommandLine(pid).Contains(part, StringComparison.Ordinal);

    private static async Task<string> PsqlAsync(string uri, string sql, CancellationToken cancellationToken)
    {
        using var psql = Process.Start(new ProcessStartInfo("psql", [uri, "-At", "-c", sql]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await psql.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await psql.StandardError.ReadToEndAsync(cancellationToken);
        await psql.WaitForExitAsync(cancellationToken);
        Assert.True(psql.ExitCode == 0, string.Create(CultureInfo.InvariantCulture, $"psql failed ({psql.ExitCode}): {errors}"));
        return output.Trim();
    }

    [GeneratedRegex(@"Login to the dashboard at http://[^/]+/login\?t=[0-9a-f]+$")]
    private static partial Regex LoginLine();

    [GeneratedRegex(@"^\s*kafka: 127\.0\.0\.1:\d+$")]
    private static partial Regex KafkaLine();

    [GeneratedRegex(@"^\s*salesdb: (?<uri>postgresql://\w+:\w+@127\.0\.0\.1:\d+/salesdb)$")]
    private static partial Regex SalesDbLine();
}
