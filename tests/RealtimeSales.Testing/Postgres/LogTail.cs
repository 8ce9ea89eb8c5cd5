namespace RealtimeSales.Testing.Postgres;

/// <summary>The last lines a process wrote, kept so that failures can show what the server said.</summary>
/// <param name="capacity">How many lines to keep.</param>
internal sealed class LogTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    /// <summary>The last lines, indented, for an exception message.</summary>
    public string Format(int lines = 30)
    {
        var snapshot = Snapshot();
        return snapshot.Count == 0
            ? "  (the server wrote nothing)"
            : string.Join(Environment.NewLine, snapshot.TakeLast(lines).Select(line => "  " + line));
    }
}
