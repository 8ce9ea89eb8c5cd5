namespace RealtimeSales.Producer;

/// <summary>What the simulated stores sell, with list prices in cents.</summary>
internal static class Catalog
{
    public static readonly IReadOnlyList<(string Item, long PriceCents)> Items =
    [
        ("coffee", 450),
        ("espresso", 320),
        ("croissant", 295),
        ("bagel", 275),
        ("sandwich", 849),
        ("salad", 1099),
        ("orange-juice", 399),
        ("water", 150),
        ("muffin", 325),
        ("tea", 280),
        ("newspaper", 300),
        ("umbrella", 1999),
        ("headphones", 4999),
        ("phone-charger", 2499),
        ("notebook", 699),
        ("sunglasses", 8999),
    ];
}
