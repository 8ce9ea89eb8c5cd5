using System.Globalization;
using System.Text;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>The console's status view: one row per unit with its state, health, pid and restarts.</summary>
internal static class StatusTable
{
    private const int DetailWidth = 70;

    public static string Format(IReadOnlyList<ResourceSnapshot> units)
    {
        string[] header = ["NAME", "TYPE", "STATE", "HEALTH", "PID", "RESTARTS", "DETAILS"];
        var rows = units.Select(unit => new[]
        {
            unit.Name,
            unit.ResourceType,
            unit.State.ToString(),
            unit.Health?.ToString() ?? "-",
            unit.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-",
            unit.Restarts.ToString(CultureInfo.InvariantCulture),
            Details(unit),
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();

        var table = new StringBuilder();
        foreach (var row in rows)
        {
            table.Append("  ");
            for (var column = 0; column < row.Length; column++)
            {
                table.Append(column == row.Length - 1 ? row[column] : row[column].PadRight(widths[column] + 2));
            }

            table.Append('\n');
        }

        return table.ToString().TrimEnd('\n');
    }

    /// <summary>What changed enough to reprint the table: not probe descriptions or timestamps.</summary>
    public static string Signature(IEnumerable<ResourceSnapshot> units) =>
        string.Join('|', units.Select(unit => $"{unit.Name},{unit.State},{unit.Health},{unit.Restarts},{unit.ProcessId}"));

    private static string Details(ResourceSnapshot unit)
    {
        var details = unit.State switch
        {
            ResourceState.FailedToStart => unit.Error ?? "",
            ResourceState.Exited or ResourceState.Finished => unit.ExitCode is { } code ? $"exit code {code}" : "",
            ResourceState.Waiting => "waiting for " + string.Join(", ", unit.WaitsFor),
            ResourceState.Running when unit.Health != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy => unit.HealthDescription ?? "",
            _ => "",
        };
        if (unit.IsExternal)
        {
            details = details.Length == 0 ? "external" : "external; " + details;
        }

        var firstLine = details.Split('\n')[0].Trim();
        return firstLine.Length > DetailWidth ? firstLine[..(DetailWidth - 1)] + "…" : firstLine;
    }
}
