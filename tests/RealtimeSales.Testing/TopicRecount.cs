using RealtimeSales.Contracts;

namespace RealtimeSales.Testing;

/// <summary>
/// An independent recount of the whole topic, read straight from Kafka by partition and offset and run
/// through DESIGN.md's windowing rules in the simplest form that could work (no idle rule: the tests let
/// traffic flow without pauses, and the last windows are closed by it after everything was read).
/// What the aggregator wrote to PostgreSQL must equal it, row for row.
/// </summary>
public static class TopicRecount
{
    public static ExpectedTables Count(IReadOnlyDictionary<int, IReadOnlyList<TopicMessage>> log, TimeSpan windowSize, TimeSpan watermarkDelay)
    {
        var size = windowSize.Ticks / TimeSpan.TicksPerMicrosecond;
        var delay = watermarkDelay.Ticks / TimeSpan.TicksPerMicrosecond;
        var nowMicros = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        var stores = new StoreNames();
        var expected = new ExpectedTables();
        foreach (var (partition, messages) in log)
        {
            var watermark = long.MinValue;
            foreach (var message in messages)
            {
                if (!SaleEventCodec.TryDecode(message.Key, message.Value, nowMicros, stores, out Sale sale, out _))
                {
                    expected.Rejected.Add((partition, message.Offset));
                    continue;
                }

                var start = sale.TimestampMicros - (sale.TimestampMicros % size);
                if (start + size <= watermark)
                {
                    expected.Late.Add((partition, message.Offset));
                    continue;
                }

                expected.Windows[(sale.Store, start)] = expected.Windows.TryGetValue((sale.Store, start), out var window)
                    ? (window.RevenueCents + sale.PriceCents, window.Count + 1)
                    : (sale.PriceCents, 1);
                watermark = Math.Max(watermark, sale.TimestampMicros - delay);
            }
        }

        return expected;
    }
}
