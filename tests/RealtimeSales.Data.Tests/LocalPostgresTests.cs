using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using RealtimeSales.Testing;
using RealtimeSales.Testing.Postgres;

namespace RealtimeSales.Data.Tests;

/// <summary>The server's life cycle; each test runs a server of its own, since it stops or restarts it.</summary>
public sealed class LocalPostgresTests
{
    // A pooled connection from before a stop would fail its first command after the restart.
    private const string Unpooled = ";Pooling=false";

    [Fact]
    public async Task PersistentDataDirectoryKeepsItsPasswordAndDataAcrossRestarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "realtimesales-pg-persistent-" + Guid.NewGuid().ToString("N"));
        try
        {
            string password;
            await using (var first = await LocalPostgres.StartAsync(new LocalPostgresOptions { DataDirectory = dataDirectory }, ct))
            {
                password = first.Password;
                await first.CreateDatabaseAsync("kept", ct);
                await TestSql.ExecuteAsync(first.ConnectionString("kept") + Unpooled, "CREATE TABLE t (v text); INSERT INTO t VALUES ('survives')");
            }

            Assert.True(File.Exists(Path.Combine(dataDirectory, "PG_VERSION")), "a persistent data directory outlives its server");
            for (var restart = 1; restart <= 2; restart++)
            {
                await using var again = await LocalPostgres.StartAsync(new LocalPostgresOptions { DataDirectory = dataDirectory }, ct);

                Assert.Equal(password, again.Password);
                Assert.Equal(["survives"], await TestSql.RowsAsync(again.ConnectionString("kept") + Unpooled, "SELECT v FROM t"));
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task StopThenStartAgainKeepsPortAndCommittedData()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await LocalPostgres.StartAsync(new LocalPostgresOptions(), ct);
        await server.CreateDatabaseAsync("sales", ct);
        var connectionString = server.ConnectionString("sales") + Unpooled;
        await TestSql.ExecuteAsync(connectionString, "CREATE TABLE t (v int); INSERT INTO t VALUES (1)");
        var port = server.Port;

        await server.StopAsync();

        Assert.Null(server.ProcessId);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => TestSql.ExecuteAsync(connectionString, "SELECT 1"));

        var restarting = Stopwatch.StartNew();
        await server.StartAgainAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"restart {restarting.ElapsedMilliseconds} ms");

        Assert.Equal(port, server.Port);
        Assert.Equal(["1"], await TestSql.RowsAsync(connectionString, "SELECT v FROM t"));
    }

    [Fact]
    public async Task DisposeLeavesNoServerProcessAndNoTemporaryData()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await LocalPostgres.StartAsync(new LocalPostgresOptions(), ct);
        var postmaster = server.ProcessId ?? throw new InvalidOperationException("A started server has a process.");
        var dataDirectory = server.DataDirectory;
        Assert.NotEmpty(ProcessesMentioning(dataDirectory));

        await server.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{postmaster}"), $"postmaster {postmaster} is still running");
        Assert.Empty(ProcessesMentioning(dataDirectory));
        Assert.False(Directory.Exists(dataDirectory));
    }

    [Fact]
    public async Task PortInUseGivesAClearError()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => LocalPostgres.StartAsync(new LocalPostgresOptions { Port = port }, TestContext.Current.CancellationToken));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
        Assert.Empty(ProcessesMentioning($"port={port}"));
    }

    [Fact]
    public async Task StartTimeoutSaysWhatItWaitedForAndLeavesNoServerBehind()
    {
        var port = FreePorts.Loopback();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => LocalPostgres.StartAsync(
            new LocalPostgresOptions { Port = port, StartTimeout = TimeSpan.FromMilliseconds(1) }, TestContext.Current.CancellationToken));

        Assert.Contains($"did not accept connections on 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Empty(ProcessesMentioning($"port={port}"));
    }

    [Fact]
    public async Task MissingBinariesSayHowToInstallThemOrUseAnotherServer()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalPostgres.StartAsync(
            new LocalPostgresOptions { BinDirectory = "/nonexistent/postgresql/bin" }, TestContext.Current.CancellationToken));

        Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:salesdb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionUriWorksWithPsqlAndCreatingADatabaseTwiceIsHarmless()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await LocalPostgres.StartAsync(new LocalPostgresOptions(), ct);
        await server.CreateDatabaseAsync("sales-db", ct);
        await server.CreateDatabaseAsync("sales-db", ct);

        using var psql = Process.Start(new ProcessStartInfo("psql", [server.ConnectionUri("sales-db"), "-tAc", "SELECT current_database()"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await psql.StandardOutput.ReadToEndAsync(ct);
        var errors = await psql.StandardError.ReadToEndAsync(ct);
        await psql.WaitForExitAsync(ct);

        Assert.True(psql.ExitCode == 0, errors);
        Assert.Equal("sales-db", output.Trim());
    }

    /// <summary>Processes whose command line names <paramref name="text"/>, from /proc.</summary>
    private static List<int> ProcessesMentioning(string text)
    {
        List<int> found = [];
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(text, StringComparison.Ordinal))
                    {
                        found.Add(pid);
                    }
                }
                catch (IOException)
                {
                    // The process exited while we looked.
                }
            }
        }

        return found;
    }
}
