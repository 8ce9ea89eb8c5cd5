using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

using RealtimeSales.Testing;

namespace RealtimeSales.DevBroker.Tests;

public sealed class LifecycleTests
{
    private static readonly TimeSpan s_quickly = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SigtermStopsTheBrokerCleanlyAndQuickly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var broker = await DevBrokerProcess.StartAsync(["--port", "0"], cancellationToken);
        var stopwatch = Stopwatch.StartNew();

        var exitCode = await broker.StopAsync(s_quickly, cancellationToken);

        Assert.True(exitCode == 0, $"Exit code {exitCode}.{Environment.NewLine}{broker.RecentOutput()}");
        Assert.True(stopwatch.Elapsed < s_quickly, $"Stopping took {stopwatch.Elapsed}.");
        Assert.Contains("SIGTERM", broker.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosingStandardInputStopsTheBroker()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var broker = await DevBrokerProcess.StartAsync(["--port", "0"], cancellationToken);

        broker.CloseStandardInput();
        var exitCode = await broker.WaitForExitAsync(s_quickly, cancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Contains("stdin closed", broker.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartOnTheSamePortWorksRightAway()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var first = await DevBrokerProcess.StartAsync(["--port", "0"], cancellationToken);
        var port = first.Port.ToString(CultureInfo.InvariantCulture);

        // A connection open at shutdown leaves the server side of it on the port (FIN-WAIT/TIME-WAIT).
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, first.Port), cancellationToken);
            await AssertApiVersionsRoundTripAsync(client, correlationId: 1, cancellationToken);
            Assert.Equal(0, await first.StopAsync(s_quickly, cancellationToken));
        }

        await using var second = await DevBrokerProcess.StartAsync(["--port", port], cancellationToken);

        Assert.Equal(first.BootstrapServers, second.BootstrapServers);
    }

    [Fact]
    public async Task ForwardedConnectionsAreReleasedWhenClientsDisconnect()
    {
        const int connections = 100;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var broker = await DevBrokerProcess.StartAsync(["--port", "0"], cancellationToken);
        var baseline = OpenFileDescriptors(broker.ProcessId);

        var clients = new List<Socket>();
        for (var i = 0; i < connections; i++)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            clients.Add(client);
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, broker.Port), cancellationToken);
            await AssertApiVersionsRoundTripAsync(client, correlationId: i, cancellationToken);
        }

        // Each open connection holds the forwarder's two sockets and the mock broker's own one.
        Assert.True(OpenFileDescriptors(broker.ProcessId) >= baseline + 3 * connections, broker.RecentOutput());
        foreach (var client in clients)
        {
            client.Dispose();
        }

        // A little slack: the runtime may open a few descriptors of its own (socket engines) under load.
        await WaitForDescriptorsAsync(broker, count => count <= baseline + 8, "every connection to be released", cancellationToken);
    }

    /// <summary>
    /// Sends a Kafka ApiVersions v0 request (header v1, no client id) and reads the response's size and
    /// correlation id: proof that bytes travel both ways through the forwarder to the broker.
    /// </summary>
    private static async Task AssertApiVersionsRoundTripAsync(Socket client, int correlationId, CancellationToken cancellationToken)
    {
        var request = new byte[14];
        BinaryPrimitives.WriteInt32BigEndian(request, request.Length - 4);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(4), 18);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(6), 0);
        BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(8), correlationId);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(12), -1);
        await client.SendAsync(request, SocketFlags.None, cancellationToken);

        var size = await ReceiveExactlyAsync(client, 4, cancellationToken);
        var response = await ReceiveExactlyAsync(client, BinaryPrimitives.ReadInt32BigEndian(size), cancellationToken);
        Assert.Equal(correlationId, BinaryPrimitives.ReadInt32BigEndian(response));
    }

    private static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_quickly);
        for (var received = 0; received < count;)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, timeout.Token);
            Assert.True(read > 0, $"The connection closed after {received} of {count} bytes.");
            received += read;
        }

        return buffer;
    }

    private static async Task WaitForDescriptorsAsync(
        DevBrokerProcess broker, Func<int, bool> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_quickly;
        int count;
        while (!condition(count = OpenFileDescriptors(broker.ProcessId)))
        {
            Assert.True(
                DateTime.UtcNow < deadline,
                $"Waited {s_quickly.TotalSeconds} s for {what}; the DevBroker has {count} open file descriptors.{Environment.NewLine}{broker.RecentOutput()}");
            await Task.Delay(50, cancellationToken);
        }
    }

    private static int OpenFileDescriptors(int processId) => Directory.GetFiles($"/proc/{processId}/fd").Length;
}
