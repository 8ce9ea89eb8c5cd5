namespace RealtimeSales.Contracts;

/// <summary>
/// Recognises the well-formed event in one forward scan, without <see cref="System.Text.Json.Utf8JsonReader"/>:
/// the aggregator decodes every message on one thread, and almost every message is a plain event as the producer
/// writes it. It only ever says "valid, and these are its values" or "not sure": on anything unusual — an escape,
/// a non-ASCII byte, an exponent, a sign, more decimals than needed, a missing, unknown or repeated field, any
/// value out of range, a key that differs — it gives up, and <see cref="SaleEventParser"/> decides, with the
/// reason (issue 12).
/// </summary>
/// <remarks>
/// What it accepts is a subset of what the full validator accepts, with the same values, which the differential
/// tests check on random and mutated inputs: a JSON object with JSON whitespace anywhere between tokens and
/// exactly the fields <c>store</c>, <c>item</c>, <c>price</c> and <c>ts</c> in any order, their names without
/// escapes; <c>store</c> and <c>item</c> of printable ASCII (U+0020–U+007E) without escapes, 1–64 and 1–128
/// long; <c>price</c> as digits with at most two decimals, up to 1,000,000; <c>ts</c> as digits with at most six
/// decimals, at most 300 seconds ahead of the clock; the key byte-equal to the store. Every byte of the value is
/// looked at, so a message it accepts is ASCII and therefore valid UTF-8.
/// </remarks>
internal static class SaleEventFastPath
{
    // Digits before the point: 1,000,000 has 7; 12 are enough for any ts before the year 33,000.
    private const int MaxPriceIntegerDigits = 7;
    private const int MaxTimestampIntegerDigits = 12;
    private const int PriceDecimals = 2;
    private const int TimestampDecimals = 6;

    private const int Store = 1;
    private const int Item = 2;
    private const int Price = 4;
    private const int Ts = 8;
    private const int AllFields = Store | Item | Price | Ts;

    // Scales a number read with n of at most m decimals to units of 10^-m: multiply by 10^(m - n).
    private static readonly long[] s_powersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>Reads a well-formed event; <see langword="false"/> means "ask the full validator", not "invalid".</summary>
    public static bool TryScan(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long nowMicros, out ScannedSale sale)
    {
        sale = default;
        if (value.Length > SaleEventCodec.MaxMessageBytes)
        {
            return false;
        }

        var i = SkipWhitespace(value, 0);
        if (i >= value.Length || value[i] != (byte)'{')
        {
            return false;
        }

        var seen = 0;
        int storeStart = 0, storeLength = 0, itemStart = 0, itemLength = 0;
        long cents = 0, micros = 0;
        while (true)
        {
            i = SkipWhitespace(value, i + 1);
            if (!TryReadPlainString(value, ref i, out var nameStart, out var nameLength))
            {
                return false;
            }

            var field = FieldNamed(value.Slice(nameStart, nameLength));
            if (field == 0 || (seen & field) != 0)
            {
                return false;
            }

            seen |= field;
            i = SkipWhitespace(value, i);
            if (i >= value.Length || value[i] != (byte)':')
            {
                return false;
            }

            i = SkipWhitespace(value, i + 1);
            var read = field switch
            {
                Store => TryReadText(value, ref i, SaleEventCodec.MaxStoreLength, out storeStart, out storeLength),
                Item => TryReadText(value, ref i, SaleEventCodec.MaxItemLength, out itemStart, out itemLength),
                Price => TryReadDecimal(value, ref i, MaxPriceIntegerDigits, PriceDecimals, out cents)
                    && cents <= SaleFieldReader.MaxPriceCents,
                _ => TryReadDecimal(value, ref i, MaxTimestampIntegerDigits, TimestampDecimals, out micros)
                    && micros <= SaleFieldReader.LatestTimestamp(nowMicros),
            };
            if (!read)
            {
                return false;
            }

            i = SkipWhitespace(value, i);
            if (i >= value.Length)
            {
                return false;
            }

            if (value[i] == (byte)'}')
            {
                break;
            }

            if (value[i] != (byte)',')
            {
                return false;
            }
        }

        if (seen != AllFields
            || SkipWhitespace(value, i + 1) != value.Length
            || !key.SequenceEqual(value.Slice(storeStart, storeLength)))
        {
            return false;
        }

        sale = new ScannedSale(storeStart, storeLength, itemStart, itemLength, cents, micros);
        return true;
    }

    private static int FieldNamed(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("store"u8) ? Store
        : name.SequenceEqual("item"u8) ? Item
        : name.SequenceEqual("price"u8) ? Price
        : name.SequenceEqual("ts"u8) ? Ts
        : 0;

    private static bool IsDigit(byte b) => b - (uint)'0' <= 9;

    private static int SkipWhitespace(ReadOnlySpan<byte> value, int i)
    {
        while (i < value.Length && value[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// A string at <paramref name="i"/> of printable ASCII without escapes; on success <paramref name="i"/> is just
    /// past its closing quote.
    /// </summary>
    private static bool TryReadPlainString(ReadOnlySpan<byte> value, ref int i, out int start, out int length)
    {
        start = i + 1;
        length = 0;
        if (i >= value.Length || value[i] != (byte)'"')
        {
            return false;
        }

        // A plain loop: the strings are a few bytes long, shorter than vectorised search pays for.
        // A backslash is an escape and anything outside U+0020–U+007E is not plain ASCII: not ours.
        for (var j = start; j < value.Length; j++)
        {
            var b = value[j];
            if (b == (byte)'"')
            {
                length = j - start;
                i = j + 1;
                return true;
            }

            if (b - 0x20u > 0x7Eu - 0x20u || b == (byte)'\\')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>A plain string of 1 to <paramref name="maxLength"/> characters (ASCII: one byte each).</summary>
    private static bool TryReadText(ReadOnlySpan<byte> value, ref int i, int maxLength, out int start, out int length) =>
        TryReadPlainString(value, ref i, out start, out length) && length > 0 && length <= maxLength;

    /// <summary>
    /// A JSON number without sign or exponent: at most <paramref name="maxIntegerDigits"/> digits (no leading zero),
    /// then at most <paramref name="maxDecimals"/> after a point; read as a whole count of 10^-maxDecimals units.
    /// </summary>
    private static bool TryReadDecimal(ReadOnlySpan<byte> value, ref int i, int maxIntegerDigits, int maxDecimals, out long units)
    {
        units = 0;
        var start = i;
        while (i < value.Length && IsDigit(value[i]))
        {
            units = (units * 10) + (value[i++] - '0');
        }

        var integerDigits = i - start;
        if (integerDigits == 0 || integerDigits > maxIntegerDigits || (value[start] == (byte)'0' && integerDigits > 1))
        {
            return false;
        }

        var decimals = 0;
        if (i < value.Length && value[i] == (byte)'.')
        {
            var point = ++i;
            while (i < value.Length && IsDigit(value[i]))
            {
                units = (units * 10) + (value[i++] - '0');
            }

            decimals = i - point;
            if (decimals == 0 || decimals > maxDecimals)
            {
                return false;
            }
        }

        // Whatever follows must be whitespace, ',' or '}', which the caller checks: an exponent is not ours.
        units *= s_powersOfTen[maxDecimals - decimals];
        return true;
    }
}
