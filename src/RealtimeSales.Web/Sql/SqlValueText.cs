using System.Collections;
using System.Globalization;
using System.Text;
using Npgsql;

namespace RealtimeSales.Web.Sql;

/// <summary>Turns one PostgreSQL value into the text the console shows, the way psql would print it where that matters.</summary>
internal static class SqlValueText
{
    private const int MaxBytesShown = 256;

    public static string Format(NpgsqlDataReader reader, int ordinal, int maxLength)
    {
        string text;
        try
        {
            text = Format(reader.GetValue(ordinal));
        }
        catch (InvalidCastException)
        {
            // A type Npgsql has no CLR mapping for (a user-defined one): show its name rather than fail the query.
            text = $"({reader.GetDataTypeName(ordinal)} value)";
        }

        return text.Length > maxLength ? string.Concat(text.AsSpan(0, maxLength), "…") : text;
    }

    public static string Format(object value) => value switch
    {
        DateTime { Kind: DateTimeKind.Utc } utc => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture) + "+00",
        DateTime local => local.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        byte[] bytes => Bytes(bytes),
        bool flag => flag ? "t" : "f",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "{" + string.Join(",", items.Cast<object?>().Select(item => item is null or DBNull ? "NULL" : Format(item))) + "}",
        _ => value.ToString() ?? "",
    };

    private static string Bytes(byte[] bytes)
    {
        var hex = new StringBuilder("\\x", 2 + (2 * Math.Min(bytes.Length, MaxBytesShown)) + 1);
        hex.Append(Convert.ToHexStringLower(bytes, 0, Math.Min(bytes.Length, MaxBytesShown)));
        return bytes.Length > MaxBytesShown ? hex.Append('…').ToString() : hex.ToString();
    }
}
