using System.Threading.Channels;

namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>
/// One unit's output: the last lines in a fixed-size ring (memory stays bounded however chatty the process
/// is), plus live subscribers that receive every new line.
/// </summary>
internal sealed class ResourceLog(string unitName, int capacity, Action<ResourceLogLine> onLine)
{
    private readonly ResourceLogLine[] _ring = new ResourceLogLine[capacity];
    private readonly List<ChannelWriter<ResourceLogLine>> _subscribers = [];
    private readonly Lock _gate = new();
    private int _start;
    private int _count;
    private long _lineNumber;

    public string UnitName => unitName;

    public void Add(string text, bool isErrorOutput)
    {
        ResourceLogLine line;
        lock (_gate)
        {
            line = new ResourceLogLine(unitName, ++_lineNumber, DateTimeOffset.UtcNow, text, isErrorOutput);
            if (_count < _ring.Length)
            {
                _ring[(_start + _count++) % _ring.Length] = line;
            }
            else
            {
                _ring[_start] = line;
                _start = (_start + 1) % _ring.Length;
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.TryWrite(line);
            }
        }

        onLine(line);
    }

    /// <summary>The kept lines, oldest first.</summary>
    public IReadOnlyList<ResourceLogLine> Snapshot()
    {
        lock (_gate)
        {
            return Copy();
        }
    }

    /// <summary>Returns the kept lines and, atomically with that, starts sending new ones to <paramref name="subscriber"/>.</summary>
    public IReadOnlyList<ResourceLogLine> Subscribe(ChannelWriter<ResourceLogLine> subscriber)
    {
        lock (_gate)
        {
            _subscribers.Add(subscriber);
            return Copy();
        }
    }

    public void Unsubscribe(ChannelWriter<ResourceLogLine> subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
        }
    }

    private ResourceLogLine[] Copy()
    {
        var lines = new ResourceLogLine[_count];
        for (var i = 0; i < _count; i++)
        {
            lines[i] = _ring[(_start + i) % _ring.Length];
        }

        return lines;
    }
}
