using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Dashboard.Resources;

/// <summary>
/// One unit's state as the Resources page shows it: a <see cref="ResourceSnapshot"/> with its passwords masked and
/// the commands that make sense in its state.
/// </summary>
internal sealed record ResourceView(
    string Name,
    string Resource,
    string Type,
    string State,
    string? Health,
    string? HealthDescription,
    int? ProcessId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    int Restarts,
    int? ExitCode,
    string? Error,
    bool IsExternal,
    string? ConnectionString,
    IReadOnlyList<EndpointView> Endpoints,
    bool HasSecrets,
    IReadOnlyList<string> WaitsFor,
    IReadOnlyList<string> Commands)
{
    public static ResourceView From(ResourceSnapshot snapshot)
    {
        var secrets = snapshot.Endpoints.Select(endpoint => endpoint.Address).Append(snapshot.ConnectionString ?? "").Any(SecretMask.HasSecret);
        return new ResourceView(
            snapshot.Name,
            snapshot.ResourceName,
            snapshot.ResourceType,
            snapshot.State.ToString(),
            snapshot.Health?.ToString(),
            snapshot.Health == HealthStatus.Healthy ? null : snapshot.HealthDescription,
            snapshot.ProcessId,
            snapshot.StartedAt,
            snapshot.StoppedAt,
            snapshot.Restarts,
            snapshot.ExitCode,
            snapshot.Error,
            snapshot.IsExternal,
            snapshot.ConnectionString is null ? null : SecretMask.Apply(snapshot.ConnectionString),
            [.. snapshot.Endpoints.Select(endpoint => new EndpointView(endpoint.Name, SecretMask.Apply(endpoint.Address), endpoint.Name == "http"))],
            secrets,
            snapshot.WaitsFor,
            CommandsFor(snapshot));
    }

    /// <summary>What the page offers: the engine ignores a start of a running unit, so only sensible buttons are shown.</summary>
    private static IReadOnlyList<string> CommandsFor(ResourceSnapshot snapshot) => snapshot.IsExternal
        ? []
        : snapshot.State switch
        {
            ResourceState.Running => [ResourceCommands.Stop, ResourceCommands.Restart],
            ResourceState.Waiting or ResourceState.Starting => [ResourceCommands.Stop],
            ResourceState.Stopping => [],
            _ => [ResourceCommands.Start],
        };
}
