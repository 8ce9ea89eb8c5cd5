using System.Net;
using System.Net.Sockets;

namespace RealtimeSales.Testing;

/// <summary>Loopback ports nobody listens on right now, for servers a test starts or for connections that must fail.</summary>
public static class FreePorts
{
    /// <summary>A port the operating system has just handed out and taken back: free unless someone grabs it meanwhile.</summary>
    public static int Loopback()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
