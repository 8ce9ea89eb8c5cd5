using System.Text;

namespace RealtimeSales.Contracts.Tests;

/// <summary>Decodes with both <see cref="SaleEventCodec"/>.TryDecode overloads and checks that they agree.</summary>
internal static class CodecAssert
{
    /// <summary>The aggregator's clock in these tests: 2025-11-24T16:00:00Z, ts 1764000000.</summary>
    public const long NowMicros = 1_764_000_000_000_000;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Asserts that the event is rejected, for the same reason by both overloads, and returns the reason.</summary>
    public static string Rejected(byte[] key, byte[] value)
    {
        var accepted = SaleEventCodec.TryDecode(key, value, NowMicros, new StoreNames(), out var sale, out var rejection);
        var fullAccepted = SaleEventCodec.TryDecode(key, value, NowMicros, out var fullSale, out var fullRejection);

        Assert.False(accepted, $"accepted as {sale}");
        Assert.False(fullAccepted, $"accepted as {fullSale}");
        Assert.Equal(default, sale);
        Assert.Null(fullSale);
        Assert.NotNull(rejection);
        Assert.Equal(rejection, fullRejection);
        return rejection;
    }

    /// <summary>Asserts that the event is accepted by both overloads with the same values and returns the full form.</summary>
    public static SaleEvent Accepted(byte[] key, byte[] value)
    {
        var accepted = SaleEventCodec.TryDecode(key, value, NowMicros, new StoreNames(), out var sale, out var rejection);
        var fullAccepted = SaleEventCodec.TryDecode(key, value, NowMicros, out var fullSale, out var fullRejection);

        Assert.True(accepted, rejection);
        Assert.True(fullAccepted, fullRejection);
        Assert.Null(rejection);
        Assert.Null(fullRejection);
        Assert.NotNull(fullSale);
        Assert.Equal(new Sale(fullSale.Store, (long)(fullSale.Price * 100), fullSale.TimestampMicros), sale);
        return fullSale;
    }
}
