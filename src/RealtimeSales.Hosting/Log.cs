using Microsoft.Extensions.Logging;

namespace RealtimeSales.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{Resource}: {Value}")]
    public static partial void Ready(ILogger logger, string resource, string value);

    [LoggerMessage(2, LogLevel.Information, "initdb created a PostgreSQL cluster in {DataDirectory}")]
    public static partial void ClusterCreated(ILogger logger, string dataDirectory);

    [LoggerMessage(3, LogLevel.Information, "Data directory {DataDirectory} ({Lifetime})")]
    public static partial void DataDirectory(ILogger logger, string dataDirectory, string lifetime);

    [LoggerMessage(4, LogLevel.Information, "Created database {Database}")]
    public static partial void DatabaseCreated(ILogger logger, string database);

    [LoggerMessage(5, LogLevel.Information, "Removed {DataDirectory}, left behind by AppHost process {ProcessId}, which is gone")]
    public static partial void SweptDataDirectory(ILogger logger, string dataDirectory, int processId);

    [LoggerMessage(6, LogLevel.Error, "Could not start: {Reason}")]
    public static partial void CouldNotStart(ILogger logger, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Resources that depend on Kafka or PostgreSQL were still running {Timeout} after being asked to stop; stopping everything now")]
    public static partial void DependentsStillRunning(ILogger logger, TimeSpan timeout);
}
