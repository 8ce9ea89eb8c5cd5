using Microsoft.Extensions.Logging;

namespace RealtimeSales.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "{Unit}: {State}")]
    public static partial void StateChanged(ILogger logger, string unit, string state);

    [LoggerMessage(2, LogLevel.Debug, "{Unit} failed to start: {Reason}")]
    public static partial void FailedToStart(ILogger logger, string unit, string reason);

    [LoggerMessage(3, LogLevel.Debug, "{Unit} exited with code {ExitCode} ({Reason})")]
    public static partial void Exited(ILogger logger, string unit, int? exitCode, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Stopping {Units}")]
    public static partial void Stopping(ILogger logger, string units);

    [LoggerMessage(5, LogLevel.Warning, "Resources did not stop in time; killing what is left")]
    public static partial void KillingEverything(ILogger logger);

    [LoggerMessage(6, LogLevel.Warning, "Disposing {Unit} failed: {Reason}")]
    public static partial void DisposeFailed(ILogger logger, string unit, string reason);
}
