namespace RealtimeSales.Dashboard.Resources;

/// <summary>A unit's connection string and endpoints unmasked: local development credentials, shown on request.</summary>
internal sealed record ResourceSecrets(string? ConnectionString, IReadOnlyList<EndpointView> Endpoints);
