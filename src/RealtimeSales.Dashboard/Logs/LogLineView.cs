using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Dashboard.Logs;

/// <summary>A console line as the Console logs page shows it: plain text and the level read from it.</summary>
/// <param name="Number">The line's number in its unit's log, across restarts.</param>
/// <param name="Time">When the AppHost received it.</param>
/// <param name="Text">The line without terminal colour codes.</param>
/// <param name="Level"><c>trace</c>, <c>debug</c>, <c>info</c>, <c>warning</c>, <c>error</c> or <c>critical</c>.</param>
/// <param name="IsErrorOutput">Written to standard error.</param>
internal sealed record LogLineView(long Number, DateTimeOffset Time, string Text, string Level, bool IsErrorOutput)
{
    public static LogLineView From(ResourceLogLine line)
    {
        var text = LogLevels.StripColours(line.Text);
        return new LogLineView(line.LineNumber, line.Timestamp, text, LogLevels.Detect(text, line.IsErrorOutput), line.IsErrorOutput);
    }
}
