using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace RealtimeSales.Oracle;

/// <summary>
/// Decodes a message by DESIGN.md's Event rules, written from the document and README "How it counts" alone
/// (System.Text.Json for the grammar, exact arithmetic for numbers; no product code):
/// <list type="bullet">
/// <item>the value is at most 64 KiB of valid UTF-8 holding exactly one JSON object (RFC 8259: no comments, no
/// trailing commas, no NaN; only whitespace after it);</item>
/// <item>the object has exactly the fields store, item, price, ts, each once (names compared after unescaping);</item>
/// <item>store: a string, 1 to 64 characters, no control characters (Unicode category Cc);</item>
/// <item>item: a string, 1 to 128 characters;</item>
/// <item>price: a number, 0 ≤ price ≤ 1,000,000, at most two decimal places by value (4.500 and 1e2 are fine);</item>
/// <item>ts: a number of Unix seconds ≥ 0, integer or fractional (the clock rule is <see cref="Receipt.IsAheadOf"/>);</item>
/// <item>the Kafka key is the store's UTF-8 bytes.</item>
/// </list>
/// A character is a Unicode scalar value (an emoji is one, as a user counts it, not two UTF-16 units); an escape of
/// a lone surrogate is no character at all and is rejected. Unlike the product, the decoder goes on after a field's
/// fault and reports every fault it can see, so that a reason naming any of them is accepted.
/// </summary>
public static class ReceiptDecoder
{
    /// <summary>64 KiB.</summary>
    public const int MaxValueBytes = 65_536;

    public const int MaxStoreCharacters = 64;

    public const int MaxItemCharacters = 128;

    private const long MaxPriceCents = 100_000_000;

    // DateTimeOffset ends in year 9999; a ts beyond it is ahead of any clock this oracle can be given.
    private static readonly long s_maxTicks = (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks;

    private static readonly string[] s_fields = ["store", "item", "price", "ts"];

    /// <summary>Decodes one message against a known clock: <see cref="Decode(byte[], byte[])"/> plus the clock rule.</summary>
    public static Decoded Decode(byte[]? key, byte[]? value, DateTimeOffset clock)
    {
        var decoded = Decode(key, value);
        return decoded.Receipt is { } receipt && receipt.IsAheadOf(clock)
            ? Decoded.Rejected(AheadFinding(receipt, clock))
            : decoded;
    }

    /// <summary>The clock rule's finding for a receipt that is ahead of <paramref name="clock"/>.</summary>
    public static Finding AheadFinding(Receipt receipt, DateTimeOffset clock) =>
        new(FindingKind.Ahead, "ts", $"{receipt.Time} is more than {Receipt.MaxAhead} ahead of the clock ({clock:O})");

    /// <summary>Decodes one message by every rule except the clock rule.</summary>
    public static Decoded Decode(byte[]? key, byte[]? value)
    {
        value ??= [];
        if (value.Length > MaxValueBytes)
        {
            return Decoded.Rejected(new Finding(FindingKind.TooLarge, "", $"{value.Length} bytes, over {MaxValueBytes}"));
        }

        if (!Utf8.IsValid(value))
        {
            return Decoded.Rejected(new Finding(FindingKind.InvalidUtf8, "", "not valid UTF-8"));
        }

        if (value.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return Decoded.Rejected(new Finding(FindingKind.Empty, "", "no JSON value"));
        }

        List<Finding> findings = [];
        var fields = new Fields();
        try
        {
            ReadObject(value, fields, findings);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: the reader's answer to an escaped lone surrogate in a property name.
            findings.Add(new Finding(FindingKind.InvalidJson, "", $"not one JSON value: {e.Message}"));
            return new Decoded(null, findings);
        }

        if (findings.All(f => f.Kind != FindingKind.NotAnObject))
        {
            findings.AddRange(s_fields.Where(name => !fields.Seen.Contains(name))
                .Select(name => new Finding(FindingKind.MissingField, name, "missing")));
        }

        if (fields.Store is { } store)
        {
            if (key is null || key.Length == 0)
            {
                findings.Add(new Finding(FindingKind.Key, "", "the key is missing"));
            }
            else if (!key.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(store)))
            {
                findings.Add(new Finding(FindingKind.Key, "", $"the key differs from store '{store}'"));
            }
        }

        return findings.Count == 0
            ? new Decoded(new Receipt(fields.Store!, fields.Item!, fields.Price!.Value, fields.Time!.Value), [])
            : new Decoded(null, findings);
    }

    private static void ReadObject(byte[] value, Fields fields, List<Finding> findings)
    {
        // Default options are RFC 8259: no comments, no trailing commas, a single top-level value.
        var reader = new Utf8JsonReader(value);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            findings.Add(new Finding(FindingKind.NotAnObject, "", $"a JSON {reader.TokenType}, not an object"));
            reader.Skip();
        }
        else
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                ReadField(ref reader, name, fields, findings);
            }
        }

        // Past the end of the value the reader throws on anything but whitespace.
        if (reader.Read())
        {
            throw new JsonException($"{reader.TokenType} after the value");
        }
    }

    private static void ReadField(ref Utf8JsonReader reader, string name, Fields fields, List<Finding> findings)
    {
        if (!s_fields.Contains(name))
        {
            findings.Add(new Finding(FindingKind.UnknownField, name, "not a field of a receipt"));
            reader.Skip();
            return;
        }

        if (!fields.Seen.Add(name))
        {
            findings.Add(new Finding(FindingKind.DuplicateField, name, "appears twice"));
            reader.Skip();
            return;
        }

        var expected = name is "store" or "item" ? JsonTokenType.String : JsonTokenType.Number;
        if (reader.TokenType != expected)
        {
            findings.Add(new Finding(FindingKind.BadField, name, $"a JSON {reader.TokenType}, expected a {expected}"));
            reader.Skip();
            return;
        }

        var problem = name switch
        {
            "store" => ReadText(ref reader, MaxStoreCharacters, rejectControl: true, out fields.Store),
            "item" => ReadText(ref reader, MaxItemCharacters, rejectControl: false, out fields.Item),
            "price" => ReadPrice(ExactNumber.Parse(reader.ValueSpan), out fields.Price),
            _ => ReadTime(ExactNumber.Parse(reader.ValueSpan), out fields.Time),
        };
        if (problem is not null)
        {
            findings.Add(new Finding(FindingKind.BadField, name, problem));
        }
    }

    private static string? ReadText(ref Utf8JsonReader reader, int maxCharacters, bool rejectControl, out string? text)
    {
        text = null;
        string unescaped;
        try
        {
            unescaped = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return "escapes a lone surrogate, which is no character";
        }

        var characters = unescaped.EnumerateRunes().ToList();
        if (characters.Count == 0)
        {
            return "empty";
        }

        if (characters.Count > maxCharacters)
        {
            return $"{characters.Count} characters, over {maxCharacters}";
        }

        if (rejectControl && characters.FindIndex(c => Rune.GetUnicodeCategory(c) == UnicodeCategory.Control) is var at and >= 0)
        {
            return $"control character U+{characters[at].Value:X4} at character {at + 1}";
        }

        text = unescaped;
        return null;
    }

    private static string? ReadPrice(ExactNumber number, out decimal? price)
    {
        price = null;
        if (number.Negative)
        {
            return "below 0";
        }

        if (!number.TryScale(2, 12, out var cents, out var exact) || cents > MaxPriceCents || (cents == MaxPriceCents && !exact))
        {
            return "above 1,000,000";
        }

        if (!exact)
        {
            return "more than 2 decimal places";
        }

        price = (decimal)(long)cents / 100;
        return null;
    }

    private static string? ReadTime(ExactNumber number, out EventTime? time)
    {
        time = null;
        if (number.Negative)
        {
            return "before the Unix epoch";
        }

        if (!number.TryScale(7, 20, out var ticks, out var exact) || ticks > s_maxTicks)
        {
            return "after the year 9999, ahead of any clock";
        }

        time = new EventTime((long)ticks, !exact);
        return null;
    }

    /// <summary>What the object held so far; a field stays null when absent or broken.</summary>
    private sealed class Fields
    {
        public readonly HashSet<string> Seen = new(StringComparer.Ordinal);
        public string? Store;
        public string? Item;
        public decimal? Price;
        public EventTime? Time;
    }
}
