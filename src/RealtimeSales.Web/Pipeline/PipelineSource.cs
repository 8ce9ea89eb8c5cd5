namespace RealtimeSales.Web.Pipeline;

/// <summary>Where a sample's numbers come from (<c>Kafka</c>, <c>PostgreSQL</c>); <paramref name="Error"/> says why they could not be read.</summary>
internal sealed record PipelineSource(string Name, string? Error);
