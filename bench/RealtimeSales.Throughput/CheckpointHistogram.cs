using System.Globalization;
using System.Text.RegularExpressions;
using RealtimeSales.Testing;

namespace RealtimeSales.Throughput;

/// <summary>
/// The aggregator's own checkpoint duration histogram (<c>sales.aggregator.checkpoint.duration</c>), read from its
/// <c>/metrics</c> endpoint: how long each checkpoint transaction took, from building the batch to the commit.
/// Percentiles are bucket upper bounds.
/// </summary>
internal sealed partial record CheckpointHistogram(long Count, double MeanMs, double P50UpToMs, double P99UpToMs)
{
    private const string Metric = "sales_aggregator_checkpoint_duration_milliseconds";

    public static async Task<CheckpointHistogram?> ScrapeAsync(ChildProcess aggregator, CancellationToken cancellationToken)
    {
        var listening = aggregator.Lines.Select(line => ListeningOn().Match(line)).FirstOrDefault(match => match.Success);
        if (listening is null)
        {
            return null;
        }

        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(new Uri(listening.Groups[1].Value), "/metrics"), cancellationToken);
        List<(double Le, long Count)> buckets = [];
        double sum = 0;
        long count = 0;
        foreach (var line in text.Split('\n'))
        {
            if (Bucket().Match(line) is { Success: true } bucket)
            {
                var le = bucket.Groups[1].Value == "+Inf" ? double.PositiveInfinity : double.Parse(bucket.Groups[1].Value, CultureInfo.InvariantCulture);
                buckets.Add((le, long.Parse(bucket.Groups[2].Value, CultureInfo.InvariantCulture)));
            }
            else if (line.StartsWith(Metric + "_sum", StringComparison.Ordinal))
            {
                sum = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith(Metric + "_count", StringComparison.Ordinal))
            {
                count = long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return count == 0 ? null : new CheckpointHistogram(count, sum / count, UpperBound(buckets, count, 0.50), UpperBound(buckets, count, 0.99));
    }

    /// <summary>The smallest bucket bound that holds the quantile (buckets are cumulative).</summary>
    private static double UpperBound(List<(double Le, long Count)> buckets, long count, double quantile) =>
        buckets.OrderBy(b => b.Le).First(b => b.Count >= quantile * count).Le;

    [GeneratedRegex(@"Now listening on: (http://[^\s]+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(Metric + @"_bucket\{[^}]*le=""([^""]+)""[^}]*\} (\d+)")]
    private static partial Regex Bucket();
}
