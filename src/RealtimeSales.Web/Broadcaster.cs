using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RealtimeSales.Web;

/// <summary>
/// Hands every published item to every watcher, and replays the last <paramref name="historyCapacity"/> items to
/// a new one first, so a page opened now shows the last minutes at once instead of an empty chart.
/// </summary>
internal sealed class Broadcaster<T>(int historyCapacity)
{
    // A page that cannot keep up (a background tab) loses its oldest unread items, never the publisher's time.
    private const int WatcherCapacity = 256;

    private readonly Lock _gate = new();
    private readonly Queue<T> _history = new();
    private readonly List<ChannelWriter<T>> _watchers = [];

    public void Publish(T item)
    {
        lock (_gate)
        {
            _history.Enqueue(item);
            while (_history.Count > historyCapacity)
            {
                _history.Dequeue();
            }

            foreach (var watcher in _watchers)
            {
                watcher.TryWrite(item);
            }
        }
    }

    public async IAsyncEnumerable<T> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(WatcherCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });
        T[] history;
        lock (_gate)
        {
            history = [.. _history];
            _watchers.Add(channel.Writer);
        }

        try
        {
            foreach (var item in history)
            {
                yield return item;
            }

            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel.Writer);
            }
        }
    }
}
