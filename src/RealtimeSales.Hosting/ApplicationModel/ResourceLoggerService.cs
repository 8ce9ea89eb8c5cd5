using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>
/// Every unit's console output (stdout and stderr, line by line), kept in a bounded buffer per unit and
/// available as a live tail, after Aspire's service of the same name.
/// </summary>
/// <remarks>
/// Names are unit names (<c>aggregator-1</c>) or resource names (<c>aggregator</c>: all its replicas, merged in
/// time order), compared case-insensitively.
/// </remarks>
public sealed class ResourceLoggerService
{
    /// <summary>Lines kept per unit.</summary>
    public const int LinesKept = 2000;

    // A live reader this far behind loses its oldest unread lines rather than holding the AppHost's memory.
    private const int SubscriberCapacity = 10_000;

    private readonly Lock _gate = new();
    private readonly List<(string ResourceName, ResourceLog Log)> _logs = [];
    private readonly List<ChannelWriter<ResourceLogLine>> _everything = [];

    /// <summary>The kept lines of <paramref name="name"/>, oldest first.</summary>
    /// <exception cref="ArgumentException">No resource has that name.</exception>
    public IReadOnlyList<ResourceLogLine> GetLogs(string name) => Merge(Find(name).Select(log => log.Snapshot()));

    /// <summary>The kept lines of <paramref name="name"/>, then every new line as it is written, until cancelled.</summary>
    public async IAsyncEnumerable<ResourceLogLine> WatchAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var logs = Find(name);
        var channel = NewChannel();
        var backlog = Merge(logs.Select(log => log.Subscribe(channel.Writer)));
        try
        {
            foreach (var line in backlog)
            {
                yield return line;
            }

            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            foreach (var log in logs)
            {
                log.Unsubscribe(channel.Writer);
            }
        }
    }

    /// <summary>Every new line of every unit from now on, until cancelled (the console echo reads this).</summary>
    public async IAsyncEnumerable<ResourceLogLine> WatchAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = NewChannel();
        lock (_gate)
        {
            _everything.Add(channel.Writer);
        }

        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            lock (_gate)
            {
                _everything.Remove(channel.Writer);
            }
        }
    }

    /// <summary>The log of one unit, created on first use.</summary>
    internal ResourceLog For(string unitName, string resourceName)
    {
        lock (_gate)
        {
            var existing = _logs.Find(entry => entry.Log.UnitName == unitName);
            if (existing.Log is not null)
            {
                return existing.Log;
            }

            var log = new ResourceLog(unitName, LinesKept, OnLine);
            _logs.Add((resourceName, log));
            return log;
        }
    }

    private void OnLine(ResourceLogLine line)
    {
        lock (_gate)
        {
            foreach (var subscriber in _everything)
            {
                subscriber.TryWrite(line);
            }
        }
    }

    private List<ResourceLog> Find(string name)
    {
        lock (_gate)
        {
            var logs = _logs.FindAll(entry => string.Equals(entry.Log.UnitName, name, StringComparison.OrdinalIgnoreCase));
            if (logs.Count == 0)
            {
                logs = _logs.FindAll(entry => string.Equals(entry.ResourceName, name, StringComparison.OrdinalIgnoreCase));
            }

            return logs.Count > 0
                ? logs.ConvertAll(entry => entry.Log)
                : throw new ArgumentException($"There is no resource named '{name}'.", nameof(name));
        }
    }

    private static ResourceLogLine[] Merge(IEnumerable<IReadOnlyList<ResourceLogLine>> logs) =>
        [.. logs.SelectMany(lines => lines).OrderBy(line => line.Timestamp)];

    private static Channel<ResourceLogLine> NewChannel() => Channel.CreateBounded<ResourceLogLine>(
        new BoundedChannelOptions(SubscriberCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
}
