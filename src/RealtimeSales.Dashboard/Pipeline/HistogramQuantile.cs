namespace RealtimeSales.Dashboard.Pipeline;

/// <summary>
/// A quantile estimated from cumulative histogram buckets by linear interpolation inside the bucket that holds
/// it: Prometheus's <c>histogram_quantile</c>, so the numbers match what a Prometheus user would see.
/// </summary>
internal static class HistogramQuantile
{
    /// <summary>The <paramref name="quantile"/> (0..1) of the observations counted in <paramref name="buckets"/>.</summary>
    /// <param name="buckets">Upper bounds (the last one +Inf) with cumulative counts, in increasing order of bound.</param>
    /// <param name="quantile">0.5 for the median, 0.99 for p99.</param>
    /// <returns><see langword="null"/> when there are no observations.</returns>
    public static double? Estimate(IReadOnlyList<(double UpperBound, double Count)> buckets, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        if (buckets.Count == 0 || buckets[^1].Count <= 0)
        {
            return null;
        }

        var rank = quantile * buckets[^1].Count;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var (upperBound, count) in buckets)
        {
            if (count >= rank && count > lowerCount)
            {
                // In the +Inf bucket nothing is known above the last finite bound: report that bound, as Prometheus does.
                return double.IsPositiveInfinity(upperBound)
                    ? lowerBound
                    : lowerBound + ((upperBound - lowerBound) * (rank - lowerCount) / (count - lowerCount));
            }

            lowerBound = upperBound;
            lowerCount = count;
        }

        return lowerBound;
    }
}
