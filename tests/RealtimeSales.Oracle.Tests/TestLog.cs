using System.Globalization;
using System.Text;

namespace RealtimeSales.Oracle.Tests;

/// <summary>Builds a topic's log by hand: receipts with a chosen ts and CreateTime, in seconds after <see cref="Epoch"/>.</summary>
internal sealed class TestLog(string clusterId = "cluster-a")
{
    /// <summary>2025-11-24T16:00:00Z, ts 1764000000.</summary>
    public const long Epoch = 1_764_000_000;

    public static readonly WindowRules Rules = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));

    private readonly SortedDictionary<int, List<LoggedMessage>> _partitions = [];

    /// <summary>A receipt of <paramref name="store"/> with ts <paramref name="ts"/> (JSON, seconds after <see cref="Epoch"/>), created at <paramref name="created"/>.</summary>
    public TestLog Receipt(int partition, string store, string ts, double created, string price = "1.25") =>
        Message(partition, Encoding.UTF8.GetBytes(store),
            Encoding.UTF8.GetBytes($$"""{"store":"{{store}}","item":"coffee","price":{{price}},"ts":{{Seconds(ts)}}}"""), created);

    public TestLog Message(int partition, byte[]? key, byte[]? value, double created)
    {
        if (!_partitions.TryGetValue(partition, out var messages))
        {
            _partitions[partition] = messages = [];
        }

        messages.Add(new LoggedMessage(new MessageId(clusterId, partition, messages.Count), key, value, At(created)));
        return this;
    }

    public TopicLog Build() => new(clusterId, _partitions.ToDictionary(p => p.Key, p => (IReadOnlyList<LoggedMessage>)p.Value), At(1_000_000));

    /// <summary><see cref="Epoch"/> + <paramref name="seconds"/> as a wall-clock time.</summary>
    public static DateTimeOffset At(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((Epoch * 1000) + (long)Math.Round(seconds * 1000));

    /// <summary><see cref="Epoch"/> + <paramref name="seconds"/> in ticks.</summary>
    public static long Ticks(decimal seconds) => (long)((Epoch + seconds) * TimeSpan.TicksPerSecond);

    /// <summary>The JSON ts for <see cref="Epoch"/> + <paramref name="offset"/>, written exactly (decimal, any number of digits).</summary>
    private static string Seconds(string offset) =>
        (Epoch + decimal.Parse(offset, NumberStyles.Float, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
}
