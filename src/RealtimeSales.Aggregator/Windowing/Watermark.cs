namespace RealtimeSales.Aggregator.Windowing;

/// <summary>Watermark values; before any event a partition's watermark is minus infinity.</summary>
internal static class Watermark
{
    public const long MinusInfinity = long.MinValue;
}
