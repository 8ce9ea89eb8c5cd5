using System.Globalization;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Testing;

/// <summary>
/// What integration tests do with a running application: wait for resources (always with a timeout whose
/// failure explains itself), get connection strings, read logs, and stop, start or kill resources.
/// </summary>
public static class DistributedApplicationTestingExtensions
{
    /// <summary>The timeout of every wait and command that is not given one.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private const int LogLinesInMessages = 30;

    /// <summary>Waits until every unit of <paramref name="name"/> is in <paramref name="state"/>.</summary>
    /// <exception cref="ResourceWaitTimeoutException">Not within the timeout (default <see cref="DefaultTimeout"/>).</exception>
    public static Task WaitForResourceAsync(this DistributedApplication app, string name, ResourceState state,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WithTimeoutAsync(app, name, $"to be {state}", timeout,
            token => app.ResourceNotifications.WaitForResourceAsync(name, state, token), cancellationToken);

    /// <summary>Waits until every unit of <paramref name="name"/> runs and reports healthy.</summary>
    /// <exception cref="ResourceWaitTimeoutException">Not within the timeout (default <see cref="DefaultTimeout"/>).</exception>
    /// <exception cref="DistributedApplicationException">A unit failed to start.</exception>
    public static Task WaitForResourceHealthyAsync(this DistributedApplication app, string name,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WithTimeoutAsync(app, name, "to be healthy", timeout,
            token => app.ResourceNotifications.WaitForResourceHealthyAsync(name, token), cancellationToken);

    /// <summary>Waits until the single unit <paramref name="name"/> matches <paramref name="predicate"/>, described by <paramref name="what"/>.</summary>
    /// <exception cref="ResourceWaitTimeoutException">Not within the timeout (default <see cref="DefaultTimeout"/>).</exception>
    public static async Task<ResourceSnapshot> WaitForResourceAsync(this DistributedApplication app, string name,
        Func<ResourceSnapshot, bool> predicate, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ResourceSnapshot? matched = null;
        await WithTimeoutAsync(app, name, what, timeout,
            async token => matched = await app.ResourceNotifications.WaitForResourceAsync(name, predicate, token), cancellationToken);
        return matched!;
    }

    /// <summary>Waits for a log line of <paramref name="name"/> (already written or still to come) containing <paramref name="text"/>.</summary>
    /// <exception cref="ResourceWaitTimeoutException">Not within the timeout (default <see cref="DefaultTimeout"/>).</exception>
    public static async Task<ResourceLogLine> WaitForLogAsync(this DistributedApplication app, string name, string text,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ResourceLogLine? found = null;
        await WithTimeoutAsync(app, name, $"to log a line containing '{text}'", timeout, async token =>
        {
            await foreach (var line in app.ResourceLogs.WatchAsync(name, token))
            {
                if (line.Text.Contains(text, StringComparison.Ordinal))
                {
                    found = line;
                    return;
                }
            }
        }, cancellationToken);
        return found!;
    }

    /// <summary>The connection string of <paramref name="name"/>, waiting until it is known (the resource runs).</summary>
    /// <exception cref="ResourceWaitTimeoutException">Not known within the timeout (default <see cref="DefaultTimeout"/>).</exception>
    public static async Task<string> GetConnectionStringAsync(this DistributedApplication app, string name,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await app.WaitForResourceAsync(name, unit => unit.ConnectionString is not null, "to have a connection string",
            timeout, cancellationToken);
        return snapshot.ConnectionString!;
    }

    /// <summary>The kept output lines of <paramref name="name"/> (a replica, or all replicas of a resource), oldest first.</summary>
    public static IReadOnlyList<string> GetResourceLogs(this DistributedApplication app, string name) =>
        [.. app.ResourceLogs.GetLogs(name).Select(line => line.Text)];

    /// <summary>Every unit's state and the last log lines of <paramref name="names"/> (all resources when none is given), for failure messages.</summary>
    public static string Describe(this DistributedApplication app, params string[] names)
    {
        var units = app.ResourceNotifications.GetSnapshots();
        var states = string.Join('\n', units.Select(unit => $"  {unit.Name}: {StateOf(unit)}"));
        var logs = (names.Length == 0 ? units.Select(unit => unit.Name) : names).Select(name => LastLines(app, name));
        return $"Resources:\n{states}\n{string.Join('\n', logs)}";
    }

    /// <summary>Stops a resource (SIGTERM, SIGKILL after 10 s) and waits until it has.</summary>
    public static Task StopResourceAsync(this DistributedApplication app, string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WithTimeoutAsync(app, name, "to stop", timeout, token => app.ResourceCommands.StopResourceAsync(name, token), cancellationToken);

    /// <summary>Starts a stopped, crashed or killed resource and waits until it runs (not until healthy).</summary>
    public static Task StartResourceAsync(this DistributedApplication app, string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WithTimeoutAsync(app, name, "to start", timeout, token => app.ResourceCommands.StartResourceAsync(name, token), cancellationToken);

    /// <summary>Stops then starts a resource; its restart count goes up by one.</summary>
    public static Task RestartResourceAsync(this DistributedApplication app, string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WithTimeoutAsync(app, name, "to restart", timeout, token => app.ResourceCommands.RestartResourceAsync(name, token), cancellationToken);

    /// <summary>Kills a resource's process (SIGKILL), as a crash would, and waits until it has exited.</summary>
    public static Task KillResourceAsync(this DistributedApplication app, string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WithTimeoutAsync(app, name, "to be killed", timeout, token => app.ResourceCommands.KillResourceAsync(name, token), cancellationToken);

    private static async Task WithTimeoutAsync(DistributedApplication app, string name, string what, TimeSpan? timeout,
        Func<CancellationToken, Task> wait, CancellationToken cancellationToken)
    {
        var limit = timeout ?? DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await wait(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var units = app.ResourceNotifications.GetSnapshots(name);
            var state = string.Join("; ", units.Select(unit => units.Count == 1 ? StateOf(unit) : $"{unit.Name} {StateOf(unit)}"));
            throw new ResourceWaitTimeoutException(name, state,
                $"Timed out after {limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s waiting for resource '{name}' {what}. " +
                $"It is {state}.\n{LastLines(app, name)}");
        }
    }

    private static string StateOf(ResourceSnapshot unit)
    {
        var health = unit.State == ResourceState.Running ? $" ({unit.Health?.ToString() ?? "not probed yet"}{Detail(unit.HealthDescription)})" : "";
        var exit = unit.ExitCode is { } code && unit.IsTerminal ? $" (exit code {code})" : "";
        var waiting = unit.State == ResourceState.Waiting ? $" (for {string.Join(", ", unit.WaitsFor)})" : "";
        var error = unit.Error is { } reason ? $": {reason}" : "";
        return $"{unit.State}{health}{exit}{waiting}{error}";
    }

    private static string Detail(string? description) => string.IsNullOrEmpty(description) ? "" : ": " + description;

    private static string LastLines(DistributedApplication app, string name)
    {
        var lines = app.ResourceLogs.GetLogs(name).TakeLast(LogLinesInMessages).ToList();
        return lines.Count == 0
            ? $"'{name}' has written nothing."
            : $"Last {lines.Count} log lines of '{name}':\n" + string.Join('\n', lines.Select(line => $"  {line.ResourceName}| {line.Text}"));
    }
}
