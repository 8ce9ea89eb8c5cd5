namespace RealtimeSales.Contracts;

/// <summary>
/// Reads a JSON number token exactly as a whole count of 10^-scale units (cents, microseconds).
/// </summary>
/// <remarks>
/// Decimal parsing is not enough: it rounds past 28 significant digits, so <c>4.5000000000000000000000000000001</c>
/// would pass as 4.5 and <c>1764000000.1234569999999999999999999</c> would land on the next microsecond.
/// Reading the digits directly keeps the rules exact for every input. The token must already be a valid
/// JSON number (the <see cref="System.Text.Json.Utf8JsonReader"/> checked its grammar).
/// </remarks>
internal static class JsonFixedPoint
{
    // Far beyond any exponent that can matter for a long, small enough that int arithmetic cannot overflow.
    private const int ExponentCap = 100_000;

    /// <summary>Reads |value| × 10^scale, truncated toward zero.</summary>
    /// <param name="number">A JSON number token, e.g. <c>-4.505e2</c>.</param>
    /// <param name="scale">Decimal places of a unit: 2 for cents, 6 for microseconds.</param>
    /// <param name="units">The truncated magnitude in units.</param>
    /// <param name="negative">The value is below zero (<c>-0</c> is not).</param>
    /// <param name="exact">No non-zero digit was truncated.</param>
    /// <returns><see langword="false"/> when the magnitude does not fit in a <see cref="long"/>.</returns>
    public static bool TryRead(ReadOnlySpan<byte> number, int scale, out long units, out bool negative, out bool exact)
    {
        units = 0;
        negative = false;
        exact = true;

        var minus = number[0] == (byte)'-';
        var rest = minus ? number[1..] : number;
        var e = rest.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = e < 0 ? rest : rest[..e];
        var dot = mantissa.IndexOf((byte)'.');

        // Power of ten, in units, of the mantissa's first digit; each further digit is one lower.
        var power = (dot < 0 ? mantissa.Length : dot) - 1 + scale + (e < 0 ? 0 : ReadExponent(rest[(e + 1)..]));
        var nonZero = false;
        foreach (var c in mantissa)
        {
            if (c == (byte)'.')
            {
                continue;
            }

            var digit = c - '0';
            nonZero |= digit != 0;
            if (power >= 0)
            {
                if (units > (long.MaxValue - digit) / 10)
                {
                    return false;
                }

                units = (units * 10) + digit;
            }
            else if (digit != 0)
            {
                exact = false;
            }

            power--;
        }

        // The exponent may place the last digit above the units place: 1e2 is 100.
        for (; power >= 0 && units != 0; power--)
        {
            if (units > long.MaxValue / 10)
            {
                return false;
            }

            units *= 10;
        }

        negative = minus && nonZero;
        return true;
    }

    private static int ReadExponent(ReadOnlySpan<byte> exponent)
    {
        var minus = exponent[0] == (byte)'-';
        var digits = exponent[0] is (byte)'-' or (byte)'+' ? exponent[1..] : exponent;
        var value = 0;
        foreach (var c in digits)
        {
            value = Math.Min((value * 10) + (c - '0'), ExponentCap);
        }

        return minus ? -value : value;
    }
}
