using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace RealtimeSales.Contracts;

/// <summary>
/// The full validator behind both <see cref="SaleEventCodec"/>.TryDecode overloads, for every message that
/// <see cref="SaleEventFastPath"/> does not recognise as plainly well-formed. It checks every rule listed there
/// and reports the first violation in reading order; a valid event costs no allocation, because the aggregator
/// decodes every message on one thread.
/// </summary>
internal static class SaleEventParser
{
    /// <summary>Buffer for the unescaped store: a valid one is at most 64 characters of at most 4 UTF-8 bytes.</summary>
    public const int StoreBufferBytes = SaleEventCodec.MaxStoreLength * 4;

    /// <summary>Buffer for the unescaped item: a valid one is at most 128 characters of at most 4 UTF-8 bytes.</summary>
    public const int ItemBufferBytes = SaleEventCodec.MaxItemLength * 4;

    // A static array, not a collection expression: that allocates on every call in a Debug build.
    private static readonly Field[] s_fieldsInOrder = [Field.Store, Field.Item, Field.Price, Field.Ts];

    [Flags]
    private enum Field
    {
        None = 0,
        Store = 1,
        Item = 2,
        Price = 4,
        Ts = 8,
    }

    /// <summary>Reads and validates one event.</summary>
    /// <param name="key">The Kafka key.</param>
    /// <param name="value">The Kafka value.</param>
    /// <param name="nowMicros">The aggregator's clock, Unix microseconds.</param>
    /// <param name="store">Receives the unescaped store; at least <see cref="StoreBufferBytes"/> long, or as long as the value.</param>
    /// <param name="item">Receives the unescaped item; at least <see cref="ItemBufferBytes"/> long, or as long as the value.</param>
    /// <param name="sale">The event when valid.</param>
    /// <returns><see langword="null"/> when the event is valid; otherwise why it is rejected.</returns>
    public static string? Parse(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long nowMicros, Span<byte> store, Span<byte> item, out ParsedSale sale)
    {
        sale = default;
        if (value.Length > SaleEventCodec.MaxMessageBytes)
        {
            return $"message is {value.Length} bytes; the limit is {SaleEventCodec.MaxMessageBytes}";
        }

        if (!Utf8.IsValid(value))
        {
            return $"invalid UTF-8 at byte {FirstInvalidByte(value)}";
        }

        if (value.Trim(" \t\r\n"u8).IsEmpty)
        {
            return value.IsEmpty ? "message is empty" : "message is empty (whitespace only)";
        }

        try
        {
            return ParseObject(key, value, nowMicros, store, item, out sale);
        }
        catch (JsonException e)
        {
            return $"invalid JSON: {e.Message}";
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader throws this, not JsonException, for an escaped lone surrogate in a field name.
            return $"invalid JSON: {e.Message}";
        }
    }

    private static string? ParseObject(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long nowMicros, Span<byte> store, Span<byte> item, out ParsedSale sale)
    {
        sale = default;

        // Default options: no comments, no trailing commas, one top-level value.
        var reader = new Utf8JsonReader(value);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return $"expected a JSON object, got {SaleFieldReader.Describe(reader.TokenType)}";
        }

        var seen = Field.None;
        int storeLength = 0, itemLength = 0;
        long priceCents = 0, timestampMicros = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(ref reader);
            if (field == Field.None)
            {
                return $"unknown field '{SaleFieldReader.Excerpt(reader.ValueSpan)}'";
            }

            if ((seen & field) != 0)
            {
                return $"duplicate field '{Name(field)}'";
            }

            seen |= field;
            reader.Read();
            var rejection = field switch
            {
                Field.Store => SaleFieldReader.ReadStore(ref reader, store, out storeLength),
                Field.Item => SaleFieldReader.ReadItem(ref reader, item, out itemLength),
                Field.Price => SaleFieldReader.ReadPrice(ref reader, out priceCents),
                _ => SaleFieldReader.ReadTimestamp(ref reader, nowMicros, out timestampMicros),
            };
            if (rejection is not null)
            {
                return rejection;
            }
        }

        // Reading on from the closing brace makes the reader throw on anything but whitespace after the object.
        reader.Read();

        foreach (var field in s_fieldsInOrder)
        {
            if ((seen & field) == 0)
            {
                return $"missing field '{Name(field)}'";
            }
        }

        if (key.IsEmpty)
        {
            return "key is missing";
        }

        if (!key.SequenceEqual(store[..storeLength]))
        {
            return $"key '{SaleFieldReader.Excerpt(key)}' differs from store '{Encoding.UTF8.GetString(store[..storeLength])}'";
        }

        sale = new ParsedSale(storeLength, itemLength, priceCents, timestampMicros);
        return null;
    }

    private static Field Identify(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("store"u8) ? Field.Store
        : reader.ValueTextEquals("item"u8) ? Field.Item
        : reader.ValueTextEquals("price"u8) ? Field.Price
        : reader.ValueTextEquals("ts"u8) ? Field.Ts
        : Field.None;

    private static string Name(Field field) => field switch
    {
        Field.Store => "store",
        Field.Item => "item",
        Field.Price => "price",
        _ => "ts",
    };

    private static int FirstInvalidByte(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }
}
