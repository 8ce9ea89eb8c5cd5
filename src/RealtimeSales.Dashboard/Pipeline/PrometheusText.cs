using System.Globalization;
using System.Text;

namespace RealtimeSales.Dashboard.Pipeline;

/// <summary>
/// Reads the Prometheus text format (version 0.0.4) that the workers serve on <c>/metrics</c>: comments are
/// skipped, label values unescaped, timestamps ignored. Lines it cannot read are skipped, not fatal: one odd
/// metric must not blank the whole Pipeline page.
/// </summary>
internal static class PrometheusText
{
    public static List<MetricSample> Parse(string text)
    {
        var samples = new List<MetricSample>();
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            if (TryParseLine(line, out var sample))
            {
                samples.Add(sample);
            }
        }

        return samples;
    }

    private static bool TryParseLine(ReadOnlySpan<char> line, out MetricSample sample)
    {
        sample = null!;
        var nameEnd = line.IndexOfAny('{', ' ');
        if (nameEnd <= 0)
        {
            return false;
        }

        var name = line[..nameEnd].ToString();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = line[nameEnd..];
        if (rest[0] == '{')
        {
            var consumed = ParseLabels(rest, labels);
            if (consumed < 0)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        rest = rest.TrimStart();
        var valueEnd = rest.IndexOf(' ');
        if (!TryParseValue(valueEnd < 0 ? rest : rest[..valueEnd], out var value))
        {
            return false;
        }

        sample = new MetricSample(name, labels, value);
        return true;
    }

    /// <summary>Reads <c>{a="1",b="2"}</c> into <paramref name="labels"/>; returns the characters read, or -1 when malformed.</summary>
    private static int ParseLabels(ReadOnlySpan<char> text, Dictionary<string, string> labels)
    {
        var i = 1;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] is ' ' or ',')
            {
                i++;
            }

            if (i < text.Length && text[i] == '}')
            {
                return i + 1;
            }

            var equals = text[i..].IndexOf('=');
            if (equals <= 0 || i + equals + 1 >= text.Length || text[i + equals + 1] != '"')
            {
                return -1;
            }

            var key = text.Slice(i, equals).Trim().ToString();
            i += equals + 2;
            var value = new StringBuilder();
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                    value.Append(text[i] == 'n' ? '\n' : text[i]);
                }
                else
                {
                    value.Append(text[i]);
                }

                i++;
            }

            if (i >= text.Length)
            {
                return -1;
            }

            labels[key] = value.ToString();
            i++;
        }

        return -1;
    }

    private static bool TryParseValue(ReadOnlySpan<char> text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
