using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RealtimeSales.Contracts;

/// <summary>
/// The wire format of a <see cref="SaleEvent"/> on the <see cref="Topics.Sales"/> topic:
/// <c>{"store":"store-7","item":"coffee","price":4.50,"ts":1764000000}</c> as UTF-8 JSON, keyed by the store id.
/// </summary>
public static class SaleEventCodec
{
    /// <summary>Largest accepted message value, in bytes (64 KiB).</summary>
    public const int MaxMessageBytes = 65_536;

    /// <summary>Longest accepted store id, in characters (Unicode scalar values).</summary>
    public const int MaxStoreLength = 64;

    /// <summary>Longest accepted item, in characters (Unicode scalar values).</summary>
    public const int MaxItemLength = 128;

    /// <summary>Highest accepted price.</summary>
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>How far ahead of the aggregator's clock an event's <c>ts</c> may be, in seconds (5 minutes).</summary>
    public const int MaxSecondsAhead = 300;

    private const long MicrosPerSecond = 1_000_000;

    // Longest number written: a decimal with "F2" (29 digits, sign, point, 2 decimals) or a ts (sign, 13 + 1 + 6).
    private const int NumberBufferBytes = 40;

    // {"store":"","item":"","price":,"ts":}
    private const int PlainFramingBytes = 37;

    // The payload travels through Kafka and PostgreSQL, never into HTML: keep non-ASCII names as readable UTF-8
    // instead of \u escapes. Quotes, backslashes and control characters are still escaped.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes a sale as its JSON message value.</summary>
    /// <param name="sale">The sale to write.</param>
    /// <returns>UTF-8 JSON, e.g. <c>{"store":"store-7","item":"coffee","price":4.50,"ts":1764000000.5}</c>.</returns>
    /// <exception cref="ArgumentException">The price has more than two decimal places.</exception>
    public static byte[] Serialize(SaleEvent sale)
    {
        var output = new ArrayBufferWriter<byte>(128);
        Write(sale, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes a sale as its JSON message value.</summary>
    /// <param name="sale">The sale to write.</param>
    /// <param name="output">Receives UTF-8 JSON.</param>
    /// <remarks>
    /// <c>price</c> is written with exactly two decimal places (<c>4.50</c>); <c>ts</c> is Unix seconds, an integer
    /// for a whole second and otherwise with the fewest fractional digits that keep every microsecond
    /// (<c>1764000000.5</c>, <c>1764000000.000123</c>). The values are written as they are, not validated:
    /// <see cref="TryDecode(ReadOnlySpan{byte}, ReadOnlySpan{byte}, long, out SaleEvent?, out string?)"/> is where
    /// the rules live. For a valid sale, decoding the result gives back an equal sale.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The price has more than two decimal places, which the format cannot carry without changing it.
    /// </exception>
    public static void Write(SaleEvent sale, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(sale);
        ArgumentNullException.ThrowIfNull(output);
        if (decimal.Round(sale.Price, 2) != sale.Price)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Price {sale.Price} has more than 2 decimal places."), nameof(sale));
        }

        if (IsPlain(sale.Store) && IsPlain(sale.Item))
        {
            WritePlain(sale, output);
        }
        else
        {
            WriteWithJsonWriter(sale, output);
        }
    }

    /// <summary>
    /// The general writer: escapes what JSON requires in <c>store</c> and <c>item</c>. Also the reference the
    /// plain writer is tested against.
    /// </summary>
    internal static void WriteWithJsonWriter(SaleEvent sale, IBufferWriter<byte> output)
    {
        Span<byte> number = stackalloc byte[NumberBufferBytes];
        using var writer = new Utf8JsonWriter(output, s_writerOptions);
        writer.WriteStartObject();
        writer.WriteString("store"u8, sale.Store);
        writer.WriteString("item"u8, sale.Item);
        writer.WritePropertyName("price"u8);
        _ = sale.Price.TryFormat(number, out var written, "F2", CultureInfo.InvariantCulture);
        writer.WriteRawValue(number[..written]);
        writer.WritePropertyName("ts"u8);
        writer.WriteRawValue(number[..FormatSeconds(sale.TimestampMicros, number)]);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Printable ASCII without quote or backslash: written as it is, byte for byte, exactly as
    /// <see cref="WriteWithJsonWriter"/> would with the relaxed encoder.
    /// </summary>
    private static bool IsPlain(string text) =>
        !text.AsSpan().ContainsAnyExceptInRange((char)0x20, (char)0x7E) && !text.AsSpan().ContainsAny('"', '\\');

    /// <summary>
    /// The producer writes every event through here: a few copies into the output, without a
    /// <see cref="Utf8JsonWriter"/> per event (its allocation and the validation of raw values were most of the cost).
    /// </summary>
    private static void WritePlain(SaleEvent sale, IBufferWriter<byte> output)
    {
        var destination = output.GetSpan(PlainFramingBytes + sale.Store.Length + sale.Item.Length + (2 * NumberBufferBytes));
        var length = Append(destination, 0, "{\"store\":\""u8);
        length += Encoding.ASCII.GetBytes(sale.Store, destination[length..]);
        length = Append(destination, length, "\",\"item\":\""u8);
        length += Encoding.ASCII.GetBytes(sale.Item, destination[length..]);
        length = Append(destination, length, "\",\"price\":"u8);
        _ = sale.Price.TryFormat(destination[length..], out var written, "F2", CultureInfo.InvariantCulture);
        length = Append(destination, length + written, ",\"ts\":"u8);
        length += FormatSeconds(sale.TimestampMicros, destination[length..]);
        destination[length++] = (byte)'}';
        output.Advance(length);
    }

    private static int Append(Span<byte> destination, int length, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination[length..]);
        return length + text.Length;
    }

    /// <summary>The Kafka key for a store: its id as UTF-8.</summary>
    /// <param name="store">The store id.</param>
    public static byte[] KeyOf(string store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Encoding.UTF8.GetBytes(store);
    }

    /// <summary>
    /// Decodes and validates one Kafka message into the aggregator's hot-path form. A valid event allocates nothing;
    /// no input throws.
    /// </summary>
    /// <param name="key">The Kafka key; must equal the store id as UTF-8.</param>
    /// <param name="value">The Kafka value: the JSON event.</param>
    /// <param name="nowMicros">The aggregator's clock, Unix microseconds, for the future-timestamp rule.</param>
    /// <param name="stores">Interns the store id; one per consumer thread.</param>
    /// <param name="sale">The sale when valid; otherwise <see langword="default"/>.</param>
    /// <param name="rejection">
    /// When rejected, why: one line that names the field or part at fault, e.g.
    /// <c>price: 4.505 has more than 2 decimal places</c>. <see langword="null"/> when valid.
    /// </param>
    /// <returns><see langword="true"/> when the event is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stores"/> is null.</exception>
    /// <remarks>
    /// <para>
    /// The rules. Size and UTF-8 are checked first and the key last; the JSON rules as the reader meets them, so the
    /// rejection is the first fault in reading order (a bad <c>price</c> is reported before garbage after the object).
    /// </para>
    /// <para>
    /// A well-formed event (plain ASCII strings, digits with the decimals the format needs) takes a fast path that
    /// scans it once; anything else goes through the full validator, which alone writes rejections, so the rules and
    /// their reasons below are the same either way. <paramref name="key"/> and <paramref name="value"/> are only read
    /// during the call, never kept: they may point into a buffer that is reused afterwards (librdkafka's, through a
    /// Confluent <c>IDeserializer</c>); a byte array converts to them implicitly.
    /// </para>
    /// <list type="number">
    /// <item>The value is at most <see cref="MaxMessageBytes"/> (65,536) bytes; checked before anything else.</item>
    /// <item>The value is valid UTF-8 (the rejection gives the offset of the first bad byte).</item>
    /// <item>
    /// The value is valid JSON (RFC 8259: no comments, no trailing commas, no NaN or Infinity) holding exactly one
    /// top-level object and nothing after it but whitespace. An empty or whitespace-only value is rejected.
    /// </item>
    /// <item>
    /// The object has exactly the fields <c>store</c>, <c>item</c>, <c>price</c> and <c>ts</c> (names compared after
    /// unescaping): a missing, duplicate or unknown field is rejected, and so is a field of the wrong JSON type
    /// (a string where a number belongs, an object, an array, <c>null</c>, <c>true</c>, <c>false</c>).
    /// </item>
    /// <item>
    /// <c>store</c>: a JSON string; after unescaping, non-empty, at most <see cref="MaxStoreLength"/> (64) characters
    /// (Unicode scalar values, so <c>café</c> is 4), and no control characters (Unicode category Cc: U+0000–U+001F,
    /// U+007F–U+009F). An escape of a lone surrogate (<c>\uD800</c>) is rejected.
    /// </item>
    /// <item>
    /// <c>item</c>: a JSON string; after unescaping, non-empty and at most <see cref="MaxItemLength"/> (128) characters.
    /// </item>
    /// <item>
    /// <c>price</c>: a JSON number, 0 ≤ price ≤ <see cref="MaxPrice"/> (1,000,000), with at most two decimal places
    /// by value (<c>4.500</c> and <c>1e2</c> are fine; <c>4.505</c>, <c>1e-3</c> and <c>-1</c> are not). Read exactly,
    /// never through floating point; a number too large to represent (<c>1e400</c>) is out of range.
    /// </item>
    /// <item>
    /// <c>ts</c>: a JSON number of Unix seconds, integer or fractional, ≥ 0, truncated to whole microseconds, and
    /// after truncation at most <see cref="MaxSecondsAhead"/> (300) seconds after <paramref name="nowMicros"/>.
    /// Read exactly; a number too large to represent (<c>1e400</c>) is out of range. A ts in milliseconds lies
    /// millennia ahead and is rejected with that hint.
    /// </item>
    /// <item>
    /// The key is non-empty (else "key is missing") and byte-equal to the UTF-8 of the unescaped store
    /// (else the rejection names both).
    /// </item>
    /// </list>
    /// </remarks>
    public static bool TryDecode(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> value,
        long nowMicros,
        StoreNames stores,
        out Sale sale,
        [NotNullWhen(false)] out string? rejection)
    {
        ArgumentNullException.ThrowIfNull(stores);
        if (SaleEventFastPath.TryScan(key, value, nowMicros, out var scanned))
        {
            sale = new Sale(stores.Intern(value.Slice(scanned.StoreStart, scanned.StoreLength)), scanned.PriceCents, scanned.TimestampMicros);
            rejection = null;
            return true;
        }

        return TryDecodeWithFullValidator(key, value, nowMicros, stores, out sale, out rejection);
    }

    /// <summary>
    /// <see cref="TryDecode(ReadOnlySpan{byte}, ReadOnlySpan{byte}, long, StoreNames, out Sale, out string?)"/> without
    /// the fast path: every message through <see cref="SaleEventParser"/>. The fallback, and the baseline the
    /// benchmarks compare the fast path with.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static bool TryDecodeWithFullValidator(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> value,
        long nowMicros,
        StoreNames stores,
        out Sale sale,
        [NotNullWhen(false)] out string? rejection)
    {
        // Unescaping never lengthens a string, so no field needs more room than the whole value: sized so, the
        // buffers cost a few dozen zeroed bytes per event instead of 768. Kept out of TryDecode (no inlining) so
        // that the fast path does not pay for them.
        Span<byte> store = stackalloc byte[Math.Min(SaleEventParser.StoreBufferBytes, value.Length)];
        Span<byte> item = stackalloc byte[Math.Min(SaleEventParser.ItemBufferBytes, value.Length)];
        rejection = SaleEventParser.Parse(key, value, nowMicros, store, item, out var parsed);
        if (rejection is not null)
        {
            sale = default;
            return false;
        }

        sale = new Sale(stores.Intern(store[..parsed.StoreLength]), parsed.PriceCents, parsed.TimestampMicros);
        return true;
    }

    /// <summary>
    /// Decodes and validates one Kafka message into a full <see cref="SaleEvent"/>, item included; the same rules as
    /// <see cref="TryDecode(ReadOnlySpan{byte}, ReadOnlySpan{byte}, long, StoreNames, out Sale, out string?)"/>,
    /// which lists them. Allocates the event and its strings. No input throws.
    /// </summary>
    /// <param name="key">The Kafka key; must equal the store id as UTF-8.</param>
    /// <param name="value">The Kafka value: the JSON event.</param>
    /// <param name="nowMicros">The aggregator's clock, Unix microseconds, for the future-timestamp rule.</param>
    /// <param name="sale">The event when valid, its price with two decimal places; otherwise <see langword="null"/>.</param>
    /// <param name="rejection">When rejected, why; <see langword="null"/> when valid.</param>
    /// <returns><see langword="true"/> when the event is valid.</returns>
    public static bool TryDecode(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> value,
        long nowMicros,
        [NotNullWhen(true)] out SaleEvent? sale,
        [NotNullWhen(false)] out string? rejection)
    {
        if (SaleEventFastPath.TryScan(key, value, nowMicros, out var scanned))
        {
            // ASCII without escapes: the bytes are the text.
            sale = new SaleEvent(
                Encoding.ASCII.GetString(value.Slice(scanned.StoreStart, scanned.StoreLength)),
                Encoding.ASCII.GetString(value.Slice(scanned.ItemStart, scanned.ItemLength)),
                PriceOf(scanned.PriceCents),
                scanned.TimestampMicros);
            rejection = null;
            return true;
        }

        Span<byte> store = stackalloc byte[SaleEventParser.StoreBufferBytes];
        Span<byte> item = stackalloc byte[SaleEventParser.ItemBufferBytes];
        rejection = SaleEventParser.Parse(key, value, nowMicros, store, item, out var parsed);
        if (rejection is not null)
        {
            sale = null;
            return false;
        }

        sale = new SaleEvent(
            Encoding.UTF8.GetString(store[..parsed.StoreLength]),
            Encoding.UTF8.GetString(item[..parsed.ItemLength]),
            PriceOf(parsed.PriceCents),
            parsed.TimestampMicros);
        return true;
    }

    /// <summary>A price in cents as a decimal with two decimal places, as it is written.</summary>
    private static decimal PriceOf(long cents) => new((int)cents, 0, 0, isNegative: false, scale: 2);

    /// <summary>Writes Unix microseconds as seconds with the fewest fractional digits that keep them exact.</summary>
    private static int FormatSeconds(long micros, Span<byte> destination)
    {
        var length = 0;
        if (micros < 0)
        {
            destination[length++] = (byte)'-';
        }

        _ = Math.Abs(micros / MicrosPerSecond).TryFormat(destination[length..], out var written, provider: CultureInfo.InvariantCulture);
        length += written;
        var fraction = Math.Abs(micros % MicrosPerSecond);
        if (fraction != 0)
        {
            destination[length++] = (byte)'.';
            _ = fraction.TryFormat(destination[length..], out written, "D6", CultureInfo.InvariantCulture);
            length += written;
            while (destination[length - 1] == (byte)'0')
            {
                length--;
            }
        }

        return length;
    }
}
