using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;

namespace RealtimeSales.Benchmarks;

/// <summary>
/// What the consume loop does with each message, minus Kafka and PostgreSQL: decode with interned store ids,
/// add to the partition's window engine, and start a new checkpoint delta every <see cref="EventsPerCheckpoint"/>
/// events. Replays the stream shifted forward in event time on every lap, so the engine stays in its steady
/// state (windows keep opening and closing) however many laps run.
/// </summary>
public sealed class ParseAndAggregate
{
    /// <summary>About one checkpoint's worth of events at the aggregator's rate.</summary>
    public const int EventsPerCheckpoint = 100_000;

    private readonly SaleStream _stream;
    private readonly StoreNames _stores = new();
    private readonly PartitionWindows _windows;
    private readonly bool _fullValidator;
    private long _lap;
    private long _offset;

    /// <summary>An engine with the production window settings (W = 30 s, D = 30 s).</summary>
    /// <param name="stream">The messages, replayed on every lap.</param>
    /// <param name="fullValidator">Skip the codec's fast path: the baseline it is compared with.</param>
    public ParseAndAggregate(SaleStream stream, bool fullValidator = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _fullValidator = fullValidator;
        var spec = WindowSpec.From(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        _windows = new PartitionWindows(spec, PartitionCheckpoint.Empty(0), []);
    }

    /// <summary>Windows open in the engine now.</summary>
    public int OpenWindows => _windows.OpenWindowCount;

    /// <summary>Decodes and aggregates the whole stream once; returns the number of valid events.</summary>
    public int Lap()
    {
        // Hot loop: spans and structs only, as in the consume loop; the lap's shift keeps event time moving on.
        var shift = _lap++ * _stream.DurationMicros;
        var now = _stream.NowMicros + shift;
        var valid = 0;
        for (var i = 0; i < _stream.Count; i++)
        {
            var decoded = _fullValidator
                ? SaleEventCodec.TryDecodeWithFullValidator(_stream.Key(i), _stream.Value(i), _stream.NowMicros, _stores, out var sale, out _)
                : SaleEventCodec.TryDecode(_stream.Key(i), _stream.Value(i), _stream.NowMicros, _stores, out sale, out _);
            if (decoded)
            {
                _windows.Add(_offset, new Sale(sale.Store, sale.PriceCents, sale.TimestampMicros + shift), now);
                valid++;
            }

            if (++_offset % EventsPerCheckpoint == 0)
            {
                _windows.Seal();
            }
        }

        return valid;
    }
}
