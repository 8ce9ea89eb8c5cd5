using Npgsql;

namespace RealtimeSales.Testing.Postgres;

/// <summary>Waits until a starting server accepts an authenticated connection, or explains why it never will.</summary>
internal static class ServerReadiness
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task WaitAsync(
        Postmaster postmaster, string connectionString, int port, TimeSpan timeout, LogTail log, CancellationToken cancellationToken)
    {
        var deadline = Task.Delay(timeout, cancellationToken);
        while (true)
        {
            if (postmaster.HasExited)
            {
                var exitCode = await postmaster.Exited;
                throw new InvalidOperationException(postmaster.PortInUse
                    ? $"PostgreSQL could not listen on 127.0.0.1:{port}: the port is already in use by another process. " +
                      $"Choose another LocalPostgresOptions.Port, or 0 for any free port.{Environment.NewLine}{log.Format()}"
                    : $"PostgreSQL exited with code {exitCode} while starting. Its last log lines:{Environment.NewLine}{log.Format()}");
            }

            if (deadline.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException(
                    $"PostgreSQL did not accept connections on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s. " +
                    $"Its last log lines:{Environment.NewLine}{log.Format()}");
            }

            // A probe can hang when another process accepted the connection on our port, so the server's exit
            // and the deadline are watched alongside it.
            var probe = TryConnectAsync(connectionString, port, cancellationToken);
            if (await Task.WhenAny(probe, postmaster.Exited, deadline) == probe)
            {
                if (await probe)
                {
                    return;
                }

                await Task.Delay(s_pollInterval, cancellationToken);
            }
        }
    }

    private static async Task<bool> TryConnectAsync(string connectionString, int port, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            throw new InvalidOperationException(
                $"The server on port {port} rejected the password stored with the data directory: is another server listening there?", e);
        }
        catch (NpgsqlException)
        {
            // Not listening yet, or "the database system is starting up": both pass within a second or two.
            return false;
        }
    }
}
