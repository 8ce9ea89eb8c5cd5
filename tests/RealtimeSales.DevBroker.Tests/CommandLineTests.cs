using System.Net;
using System.Net.Sockets;

using RealtimeSales.Testing;

namespace RealtimeSales.DevBroker.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--partitions 0", "--partitions")]
    [InlineData("--port abc", "--port")]
    [InlineData("--port 70000", "--port")]
    [InlineData("--bogus", "--bogus")]
    public async Task BadArgumentExitsWithCodeTwoAndNamesTheArgument(string arguments, string named)
    {
        await using var broker = DevBrokerProcess.Launch(arguments.Split(' '));

        var exitCode = await broker.WaitForExitAsync(DevBrokerProcess.DefaultTimeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains(named, broker.StandardError, StringComparison.Ordinal);
        Assert.Contains("Usage:", broker.StandardError, StringComparison.Ordinal);
        Assert.Empty(broker.StandardOutput);
    }

    [Fact]
    public async Task TakenPortIsRefusedWithAClearError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var broker = DevBrokerProcess.Launch(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        var exitCode = await broker.WaitForExitAsync(DevBrokerProcess.DefaultTimeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains($"port {port}", broker.StandardError, StringComparison.Ordinal);
        Assert.Contains("in use", broker.StandardError, StringComparison.Ordinal);
        Assert.Contains("--port 0", broker.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", broker.StandardError, StringComparison.Ordinal);
        Assert.Empty(broker.StandardOutput);
    }

    [Fact]
    public async Task HelpPrintsUsageOnStandardOutput()
    {
        await using var broker = DevBrokerProcess.Launch(["--help"]);

        var exitCode = await broker.WaitForExitAsync(DevBrokerProcess.DefaultTimeout, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Contains("--exit-on-stdin-close", broker.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(broker.StandardError);
    }
}
