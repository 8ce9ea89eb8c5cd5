namespace RealtimeSales.Testing.Aspire;

/// <summary>
/// Where the Aspire dashboard of an AppHost run as a process listens: free loopback ports, so tests never fight a
/// developer's own AppHost over 15888, over http as the AppHost's default launch profile does.
/// </summary>
public sealed class AspireDashboardAddresses
{
    public Uri Frontend { get; } = FreeLoopbackUri();

    public Uri Otlp { get; } = FreeLoopbackUri();

    public Uri ResourceService { get; } = FreeLoopbackUri();

    private static Uri FreeLoopbackUri() => new($"http://127.0.0.1:{FreePorts.Loopback()}/");
}
