namespace RealtimeSales.Web;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Sign in at {LoginUrl} (a token generated for this run: no Web:Token was given)")]
    public static partial void SignIn(ILogger logger, string loginUrl);

    [LoggerMessage(2, LogLevel.Warning, "Refused a request from {RemoteAddress}: the web app serves this machine only")]
    public static partial void NotLoopback(ILogger logger, string? remoteAddress);

    [LoggerMessage(3, LogLevel.Information, "Read-only role {Role} is ready on database {Database}")]
    public static partial void ReaderReady(ILogger logger, string role, string database);
}
