using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RealtimeSales.Contracts;

/// <summary>
/// The rule for each field of a sale event, applied to the reader's current value token. Each returns
/// <see langword="null"/> when the value is valid, otherwise a rejection that starts with the field's name.
/// </summary>
internal static class SaleFieldReader
{
    /// <summary>The highest valid price, in cents.</summary>
    public const long MaxPriceCents = (long)SaleEventCodec.MaxPrice * 100;

    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerHour = 3600 * MicrosPerSecond;
    private const long MicrosPerDay = 24 * MicrosPerHour;
    private const long MicrosPerYear = (365 * MicrosPerDay) + (MicrosPerDay / 4);
    private const long MaxAheadMicros = SaleEventCodec.MaxSecondsAhead * MicrosPerSecond;
    private const int ExcerptBytes = 40;

    /// <summary>The ASCII control characters (Unicode category Cc below U+0080): U+0000–U+001F and U+007F.</summary>
    private static readonly SearchValues<byte> s_asciiControls =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)0x7F]);

    /// <summary>Reads <c>store</c> into <paramref name="buffer"/>: 1 to 64 characters, no control characters.</summary>
    public static string? ReadStore(ref Utf8JsonReader reader, Span<byte> buffer, out int length) =>
        ReadString(ref reader, "store", SaleEventCodec.MaxStoreLength, rejectControl: true, buffer, out length);

    /// <summary>Reads <c>item</c> into <paramref name="buffer"/>: 1 to 128 characters.</summary>
    public static string? ReadItem(ref Utf8JsonReader reader, Span<byte> buffer, out int length) =>
        ReadString(ref reader, "item", SaleEventCodec.MaxItemLength, rejectControl: false, buffer, out length);

    /// <summary>Reads <c>price</c> as cents: a number from 0 to 1,000,000 with at most two decimal places.</summary>
    public static string? ReadPrice(ref Utf8JsonReader reader, out long cents)
    {
        cents = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return $"price: expected a JSON number, got {Describe(reader.TokenType)}";
        }

        var number = reader.ValueSpan;
        if (!JsonFixedPoint.TryRead(number, 2, out var units, out var negative, out var exact))
        {
            return $"price: {Excerpt(number)} is out of range; expected 0 to {SaleEventCodec.MaxPrice}";
        }

        if (negative)
        {
            return $"price: {Excerpt(number)} is negative; expected 0 to {SaleEventCodec.MaxPrice}";
        }

        if (units > MaxPriceCents || (units == MaxPriceCents && !exact))
        {
            return $"price: {Excerpt(number)} is above the maximum of {SaleEventCodec.MaxPrice}";
        }

        if (!exact)
        {
            return $"price: {Excerpt(number)} has more than 2 decimal places";
        }

        cents = units;
        return null;
    }

    /// <summary>
    /// Reads <c>ts</c> as Unix microseconds: Unix seconds, not negative, at most 300 seconds after
    /// <paramref name="nowMicros"/>.
    /// </summary>
    public static string? ReadTimestamp(ref Utf8JsonReader reader, long nowMicros, out long micros)
    {
        micros = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return $"ts: expected a JSON number (Unix seconds), got {Describe(reader.TokenType)}";
        }

        // Truncating toward zero is flooring here, since a valid ts is not negative.
        var number = reader.ValueSpan;
        if (!JsonFixedPoint.TryRead(number, 6, out micros, out var negative, out _))
        {
            return $"ts: {Excerpt(number)} is out of range; expected Unix seconds";
        }

        if (negative)
        {
            return $"ts: {Excerpt(number)} is negative; expected Unix seconds >= 0";
        }

        if (micros <= LatestTimestamp(nowMicros))
        {
            return null;
        }

        // Milliseconds are the usual mistake: read as seconds, the current time lies some 55,000 years ahead.
        var asMilliseconds = micros / 1000;
        var hint = asMilliseconds >= nowMicros - MicrosPerYear && asMilliseconds <= nowMicros + MicrosPerYear
            ? " (milliseconds instead of seconds?)"
            : "";
        return $"ts: {Excerpt(number)} is {Ahead(micros - nowMicros)} ahead of the clock; "
            + $"the limit is {SaleEventCodec.MaxSecondsAhead} seconds{hint}";
    }

    /// <summary>The latest valid <c>ts</c>, in Unix microseconds, for a clock at <paramref name="nowMicros"/>.</summary>
    public static long LatestTimestamp(long nowMicros) =>
        nowMicros > long.MaxValue - MaxAheadMicros ? long.MaxValue : nowMicros + MaxAheadMicros;

    /// <summary>A JSON token type as a rejection names it: String, Number, Object, Array, True, False, Null.</summary>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "Object",
        JsonTokenType.StartArray => "Array",
        _ => token.ToString(),
    };

    /// <summary>The start of some input for a rejection: at most 40 bytes, cut on a character boundary.</summary>
    public static string Excerpt(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= ExcerptBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var cut = ExcerptBytes;
        while (cut > 0 && (utf8[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return $"{Encoding.UTF8.GetString(utf8[..cut])}… ({utf8.Length} bytes)";
    }

    /// <summary>Unescapes a string into <paramref name="buffer"/> and checks its length in characters (runes).</summary>
    private static string? ReadString(
        ref Utf8JsonReader reader, string field, int maxLength, bool rejectControl, Span<byte> buffer, out int length)
    {
        length = 0;
        if (reader.TokenType != JsonTokenType.String)
        {
            return $"{field}: expected a JSON string, got {Describe(reader.TokenType)}";
        }

        // Unescaping never lengthens a string. Only an over-long one (rejected below, or a valid one written with
        // many \u escapes) needs more room than the buffer, and then it comes from the pool.
        var rawLength = reader.ValueSpan.Length;
        var rented = rawLength > buffer.Length ? ArrayPool<byte>.Shared.Rent(rawLength) : null;
        try
        {
            Span<byte> text = rented ?? buffer;
            text = text[..reader.CopyString(text)];
            var rejection = CheckText(text, field, maxLength, rejectControl);
            if (rejection is null)
            {
                text.CopyTo(buffer);
                length = text.Length;
            }

            return rejection;
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader throws this, not JsonException, for an escaped lone surrogate such as "\uD800".
            return $"{field}: {e.Message}";
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string? CheckText(ReadOnlySpan<byte> text, string field, int maxLength, bool rejectControl)
    {
        if (text.IsEmpty)
        {
            return $"{field}: must not be empty";
        }

        if (Ascii.IsValid(text))
        {
            // The usual case, vectorised: one byte per character, and C0 controls or DEL are the only controls.
            var control = rejectControl ? text.IndexOfAny(s_asciiControls) : -1;
            if (control >= 0)
            {
                return $"{field}: control character U+{text[control]:X4} at character {control + 1} is not allowed";
            }

            return text.Length > maxLength ? $"{field}: must be at most {maxLength} characters, got {text.Length}" : null;
        }

        var characters = 0;
        for (var i = 0; i < text.Length; characters++)
        {
            // The text is valid UTF-8: the message was checked and unescaping yields whole scalars.
            _ = Rune.DecodeFromUtf8(text[i..], out var rune, out var consumed);
            if (rejectControl && Rune.IsControl(rune))
            {
                return $"{field}: control character U+{rune.Value:X4} at character {characters + 1} is not allowed";
            }

            i += consumed;
        }

        return characters > maxLength ? $"{field}: must be at most {maxLength} characters, got {characters}" : null;
    }

    private static string Ahead(long micros) => micros switch
    {
        >= 2 * MicrosPerYear => string.Create(CultureInfo.InvariantCulture, $"{micros / MicrosPerYear} years"),
        >= 2 * MicrosPerDay => string.Create(CultureInfo.InvariantCulture, $"{micros / MicrosPerDay} days"),
        >= 2 * MicrosPerHour => string.Create(CultureInfo.InvariantCulture, $"{micros / MicrosPerHour} hours"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{micros / (decimal)MicrosPerSecond} seconds"),
    };
}
