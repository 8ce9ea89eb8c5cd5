namespace RealtimeSales.Dashboard.Pipeline;

/// <summary>One line of a Prometheus text exposition: <c>name{label="value",…} 12.5</c>.</summary>
internal sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
