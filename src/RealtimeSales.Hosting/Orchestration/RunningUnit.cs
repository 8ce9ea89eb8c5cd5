using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>What a started run looks like from outside.</summary>
internal sealed record RunningUnit(int? ProcessId, string? ConnectionString, IReadOnlyList<ResourceEndpoint> Endpoints);
