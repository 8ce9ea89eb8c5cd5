using static RealtimeSales.Contracts.Tests.CodecAssert;

namespace RealtimeSales.Contracts.Tests;

public sealed class JsonFixedPointTests
{
    [Theory]
    [InlineData("0", 6, 0, false, true)]
    [InlineData("-0", 6, 0, false, true)]
    [InlineData("-0.0000001", 6, 0, true, false)]
    [InlineData("4.505", 2, 450, false, false)]
    [InlineData("-4.50", 2, 450, true, true)]
    [InlineData("4.5000000000000000000000000000001", 2, 450, false, false)]
    [InlineData("1764000000.1234569999999999999999999", 6, 1_764_000_000_123_456, false, false)]
    [InlineData("1.764E+9", 6, 1_764_000_000_000_000, false, true)]
    [InlineData("17640000005e-1", 6, 1_764_000_000_500_000, false, true)]
    [InlineData("0e999999999999", 6, 0, false, true)]
    [InlineData("1e-999999999999", 6, 0, false, false)]
    [InlineData("9223372036854.775807", 6, long.MaxValue, false, true)]
    [InlineData("9223372036854.7758079", 6, long.MaxValue, false, false)]
    public void NumberIsReadExactlyAndTruncatedTowardZero(string number, int scale, long units, bool negative, bool exact)
    {
        Assert.True(JsonFixedPoint.TryRead(Utf8(number), scale, out var actualUnits, out var actualNegative, out var actualExact));

        Assert.Equal((units, negative, exact), (actualUnits, actualNegative, actualExact));
    }

    [Theory]
    [InlineData("9223372036854.775808", 6)]
    [InlineData("92233720368547758.08", 2)]
    [InlineData("1e400", 2)]
    [InlineData("-1e400", 6)]
    [InlineData("1e999999999999", 0)]
    [InlineData("123456789012345678901234567890", 0)]
    public void NumberTooLargeForALongIsOutOfRange(string number, int scale)
    {
        Assert.False(JsonFixedPoint.TryRead(Utf8(number), scale, out _, out _, out _));
    }
}
