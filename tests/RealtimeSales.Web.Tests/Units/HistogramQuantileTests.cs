using RealtimeSales.Web.Pipeline;

namespace RealtimeSales.Web.Tests.Units;

public sealed class HistogramQuantileTests
{
    // 10 observations: 2 at most 1 ms, 8 at most 2 ms (6 of them above 1), 10 at most 5 ms.
    private static readonly (double, double)[] s_buckets = [(1, 2), (2, 8), (5, 10), (double.PositiveInfinity, 10)];

    [Theory]
    [InlineData(0.1, 0.5)]
    [InlineData(0.5, 1.5)]
    [InlineData(0.8, 2)]
    [InlineData(0.9, 3.5)]
    [InlineData(1.0, 5)]
    public void InterpolatesInsideTheBucketThatHoldsTheRank(double quantile, double expected) =>
        Assert.Equal(expected, HistogramQuantile.Estimate(s_buckets, quantile)!.Value, precision: 9);

    [Fact]
    public void AQuantileInTheInfiniteBucketIsTheLastFiniteBound() =>
        Assert.Equal(5, HistogramQuantile.Estimate([(1, 0), (5, 2), (double.PositiveInfinity, 10)], 0.99));

    [Fact]
    public void NoObservationsGiveNoEstimate()
    {
        Assert.Null(HistogramQuantile.Estimate([(1, 0), (double.PositiveInfinity, 0)], 0.5));
        Assert.Null(HistogramQuantile.Estimate([], 0.5));
    }
}
