using System.Text.RegularExpressions;

namespace RealtimeSales.Dashboard.Logs;

/// <summary>
/// Reads a level from a console line in the formats this application's processes write: .NET's simple console
/// formatter (<c>12:00:00 warn: …</c>, as the AppHost configures its projects), PostgreSQL's log prefix
/// (<c>… UTC [123] ERROR:  …</c>) and the AppHost's own <c>[apphost]</c> notes.
/// </summary>
internal static partial class LogLevels
{
    public const string Trace = "trace";
    public const string Debug = "debug";
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Error = "error";
    public const string Critical = "critical";

    public static string Detect(string text, bool isErrorOutput)
    {
        if (DotnetLevel().Match(text) is { Success: true } dotnet)
        {
            return dotnet.Groups[1].Value switch
            {
                "trce" => Trace,
                "dbug" => Debug,
                "info" => Info,
                "warn" => Warning,
                "fail" => Error,
                _ => Critical,
            };
        }

        if (PostgresLevel().Match(text) is { Success: true } postgres)
        {
            return postgres.Groups[1].Value switch
            {
                "DEBUG" => Debug,
                "WARNING" => Warning,
                "ERROR" => Error,
                "FATAL" or "PANIC" => Critical,
                _ => Info,
            };
        }

        if (text.StartsWith("[apphost] unhealthy", StringComparison.Ordinal))
        {
            return Warning;
        }

        return isErrorOutput ? Error : Info;
    }

    public static string StripColours(string text) => text.Contains('\e', StringComparison.Ordinal) ? AnsiEscape().Replace(text, "") : text;

    [GeneratedRegex(@"^(?:\S+ )?(trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex DotnetLevel();

    [GeneratedRegex(@"\[\d+\] (DEBUG|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC|DETAIL|HINT|STATEMENT|CONTEXT)\d?:")]
    private static partial Regex PostgresLevel();

    [GeneratedRegex(@"\e\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
