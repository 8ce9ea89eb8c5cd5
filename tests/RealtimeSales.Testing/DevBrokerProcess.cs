using System.Globalization;

namespace RealtimeSales.Testing;

/// <summary>The DevBroker started as a real process on a free port, ready when it prints its bootstrap line.</summary>
public sealed class DevBrokerProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    private DevBrokerProcess(ChildProcess process, string bootstrapServers)
    {
        Process = process;
        BootstrapServers = bootstrapServers;
    }

    public ChildProcess Process { get; }

    /// <summary><c>127.0.0.1:PORT</c>, as printed by the broker.</summary>
    public string BootstrapServers { get; }

    public static async Task<DevBrokerProcess> StartAsync(int partitions, CancellationToken cancellationToken, int port = 0)
    {
        var process = ChildProcess.StartDotnet("devbroker", BuiltProject.Dll("RealtimeSales.DevBroker"),
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--partitions", partitions.ToString(CultureInfo.InvariantCulture), "--exit-on-stdin-close"]);
        try
        {
            var line = await process.WaitForLineAsync(l => l.StartsWith("bootstrap: ", StringComparison.Ordinal), s_startTimeout,
                "'bootstrap: 127.0.0.1:PORT'", cancellationToken);
            return new DevBrokerProcess(process, line["bootstrap: ".Length..].Trim());
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
