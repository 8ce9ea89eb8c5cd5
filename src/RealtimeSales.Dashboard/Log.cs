using Microsoft.Extensions.Logging;

namespace RealtimeSales.Dashboard;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "The dashboard is not running: port {Port} on 127.0.0.1 is in use (another AppHost?). Set {Key} to a free port, or 0 for any.")]
    public static partial void PortInUse(ILogger logger, int port, string key);

    [LoggerMessage(2, LogLevel.Warning, "Dashboard: {Command} {Resource} failed: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string command, string resource, string reason);

    [LoggerMessage(3, LogLevel.Information, "Dashboard: read-only role {Role} is ready on database {Database}")]
    public static partial void ReaderReady(ILogger logger, string role, string database);
}
