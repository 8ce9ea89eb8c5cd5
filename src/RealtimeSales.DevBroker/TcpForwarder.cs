using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RealtimeSales.DevBroker;

/// <summary>
/// Listens on a fixed loopback port and pipes every connection to a target end point. The mock broker
/// can only listen on a random port; this gives clients a stable address such as 127.0.0.1:9092.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    // Large enough that a typical produce request or fetch response moves in one or two system calls.
    private const int BufferSize = 64 * 1024;

    private static readonly TimeSpan s_acceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextConnectionId;

    private TcpForwarder(Socket listener, IPEndPoint target)
    {
        _listener = listener;
        _target = target;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>The address clients connect to; its port is the real one when 0 was asked for.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>
    /// Binds <paramref name="listenEndPoint"/> and starts forwarding to <paramref name="target"/>.
    /// </summary>
    /// <exception cref="SocketException">The address is in use (<see cref="SocketError.AddressAlreadyInUse"/>) or not available.</exception>
    public static TcpForwarder Start(IPEndPoint listenEndPoint, IPEndPoint target)
    {
        var listener = new Socket(listenEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(listenEndPoint);
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var forwarder = new TcpForwarder(listener, target);
        forwarder._acceptLoop = forwarder.AcceptLoopAsync();
        return forwarder;
    }

    /// <summary>Stops accepting, closes every forwarded connection and waits for them to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        await Task.WhenAll(_connections.Values);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (_stopping.IsCancellationRequested || exception is ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                // Transient (out of file descriptors, a client that reset before accept): pause, keep serving.
                await Console.Error.WriteLineAsync($"DevBroker: accepting a connection failed: {exception.SocketErrorCode}");
                await Task.Delay(s_acceptRetryDelay, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            var id = ++_nextConnectionId;
            var connection = ForwardAsync(client);
            _connections[id] = connection;

            // Registered before the continuation can run, so a connection that ends at once is still removed.
            _ = connection.ContinueWith(
                _ => _connections.TryRemove(new KeyValuePair<long, Task>(id, connection)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>Never throws: a failing connection only closes itself.</summary>
    private async Task ForwardAsync(Socket client)
    {
        using var upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Kafka requests are small and latency-bound: no Nagle delay on either leg.
            client.NoDelay = true;
            upstream.NoDelay = true;
            await upstream.ConnectAsync(_target, _stopping.Token);

            var toBroker = PumpAsync(client, upstream, _stopping.Token);
            var toClient = PumpAsync(upstream, client, _stopping.Token);
            await Task.WhenAny(toBroker, toClient);

            // One side closed (or failed): end the other direction too, so neither socket outlives the pair.
            ShutDown(client);
            ShutDown(upstream);
            await Task.WhenAll(toBroker, toClient);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            // The broker is gone or we are stopping: closing the client below is all there is to do.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Copies until end of stream or error; never throws.</summary>
    private static async Task PumpAsync(Socket source, Socket destination, CancellationToken cancellationToken)
    {
        // Rented per connection direction, not per read: the hot loop below allocates nothing.
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var received = await source.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken);
                if (received == 0)
                {
                    return;
                }

                for (var sent = 0; sent < received;)
                {
                    sent += await destination.SendAsync(buffer.AsMemory(sent, received - sent), SocketFlags.None, cancellationToken);
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset, closed by the other pump, or stopping: all mean this direction is done.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ShutDown(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset or not connected: nothing left to shut down.
        }
    }
}
