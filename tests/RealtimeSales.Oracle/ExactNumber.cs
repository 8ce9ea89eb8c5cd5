using System.Globalization;
using System.Numerics;

namespace RealtimeSales.Oracle;

/// <summary>
/// A JSON number token read exactly: <c>significand × 10^exponent</c> with arbitrary precision, so that no rule
/// (two decimal places, window boundaries) is decided on a rounded value. <c>decimal</c> rounds past 28 digits and
/// would take <c>4.5000000000000000000000000000001</c> for 4.5.
/// </summary>
internal readonly record struct ExactNumber(bool Negative, BigInteger Significand, long Exponent)
{
    // An exponent this large already puts any significand that fits in a 64 KiB message far outside every range we
    // test against; clamping keeps the arithmetic finite for inputs such as 1e99999999999.
    private const long ExponentClamp = 1_000_000;

    public bool IsZero => Significand.IsZero;

    /// <summary>The number of digits before the decimal point of |value| (negative or zero for values below 1).</summary>
    public long Magnitude => IsZero ? long.MinValue : Significand.ToString().Length + Exponent;

    /// <summary>Parses a token that <see cref="System.Text.Json.Utf8JsonReader"/> has already accepted as a JSON number.</summary>
    public static ExactNumber Parse(ReadOnlySpan<byte> token)
    {
        var negative = token[0] == (byte)'-';
        var rest = negative ? token[1..] : token;
        var e = rest.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = e < 0 ? rest : rest[..e];
        var dot = mantissa.IndexOf((byte)'.');
        var fractionDigits = dot < 0 ? 0 : mantissa.Length - dot - 1;
        var digits = dot < 0 ? System.Text.Encoding.ASCII.GetString(mantissa)
            : string.Concat(System.Text.Encoding.ASCII.GetString(mantissa[..dot]), System.Text.Encoding.ASCII.GetString(mantissa[(dot + 1)..]));
        var exponent = (e < 0 ? 0 : ParseExponent(rest[(e + 1)..])) - fractionDigits;

        var significand = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (significand.IsZero)
        {
            return new ExactNumber(false, BigInteger.Zero, 0);
        }

        while (significand % 10 == 0)
        {
            significand /= 10;
            exponent++;
        }

        return new ExactNumber(negative, significand, exponent);
    }

    /// <summary>
    /// floor(|value| × 10^<paramref name="scale"/>), and whether nothing was cut off; <see langword="false"/> when
    /// |value| has more than <paramref name="maxDigits"/> digits before the point at that scale (too large to matter).
    /// </summary>
    public bool TryScale(int scale, int maxDigits, out BigInteger scaled, out bool exact)
    {
        scaled = BigInteger.Zero;
        exact = true;
        if (IsZero)
        {
            return true;
        }

        if (Magnitude + scale > maxDigits)
        {
            return false;
        }

        var shift = Exponent + scale;
        if (shift >= 0)
        {
            scaled = Significand * BigInteger.Pow(10, (int)shift);
            return true;
        }

        // The significand has no trailing zeros, so a negative shift always cuts off a non-zero digit.
        exact = false;
        var digits = Significand.ToString().Length;
        scaled = -shift > digits ? BigInteger.Zero : Significand / BigInteger.Pow(10, (int)-shift);
        return true;
    }

    private static long ParseExponent(ReadOnlySpan<byte> text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            ? Math.Clamp(exponent, -ExponentClamp, ExponentClamp)
            : text[0] == (byte)'-' ? -ExponentClamp : ExponentClamp; // more digits than a long holds
}
