using System.Net;
using System.Net.Sockets;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>Picks a TCP port on 127.0.0.1 that nothing listens on right now.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
