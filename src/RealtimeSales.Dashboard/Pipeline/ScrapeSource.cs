namespace RealtimeSales.Dashboard.Pipeline;

/// <summary>A worker process whose <c>/metrics</c> was read; <paramref name="Error"/> says why not, when it could not be.</summary>
internal sealed record ScrapeSource(string Unit, string Url, string? Error);
