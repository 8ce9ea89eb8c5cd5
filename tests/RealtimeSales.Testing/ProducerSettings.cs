namespace RealtimeSales.Testing;

/// <summary>The <c>Producer:*</c> settings a test gives a producer process.</summary>
public sealed record ProducerSettings(
    long MaxEvents, double EventsPerSecond = 0, int Stores = 25, double LateFraction = 0, double MalformedFraction = 0, int? Seed = null);
