using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>The resources the AppHost declared, as built.</summary>
internal sealed record DistributedApplicationModel(IReadOnlyList<Resource> Resources);
