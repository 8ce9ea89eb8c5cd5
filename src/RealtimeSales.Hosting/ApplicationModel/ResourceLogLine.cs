namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>One line a resource wrote (or the AppHost wrote about it).</summary>
/// <param name="ResourceName">The unit that wrote it (a replica's own name when replicated).</param>
/// <param name="LineNumber">1 for its first line, counting across restarts.</param>
/// <param name="Timestamp">When the AppHost received it.</param>
/// <param name="Text">The line, without its line break.</param>
/// <param name="IsErrorOutput">Written to standard error.</param>
public sealed record ResourceLogLine(string ResourceName, long LineNumber, DateTimeOffset Timestamp, string Text, bool IsErrorOutput);
