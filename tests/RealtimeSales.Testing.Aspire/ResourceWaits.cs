using Aspire.Hosting.ApplicationModel;

namespace RealtimeSales.Testing.Aspire;

/// <summary>
/// Aspire's waits with a deadline whose failure names the resource, the state it is in and its last log lines
/// (Aspire's own waits wait forever, and a cancelled one says only that it was cancelled).
/// </summary>
public static class ResourceWaits
{
    /// <summary>Waits until <paramref name="resource"/> (every replica) is Running and its health checks pass.</summary>
    /// <exception cref="TimeoutException">It was not within <paramref name="timeout"/>; the message says where it stood.</exception>
    public static Task WaitForHealthyAsync(this SalesApp app, string resource, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(app, resource, "healthy", timeout, token => app.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.StopOnResourceUnavailable, token),
            cancellationToken);

    /// <summary>Waits until <paramref name="resource"/> is in <paramref name="state"/> (e.g. <see cref="KnownResourceStates.Finished"/>).</summary>
    /// <exception cref="TimeoutException">It was not within <paramref name="timeout"/>; the message says where it stood.</exception>
    public static Task WaitForStateAsync(this SalesApp app, string resource, string state, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(app, resource, state, timeout, token => app.App.ResourceNotifications.WaitForResourceAsync(resource, state, token), cancellationToken);

    /// <summary>Waits until <paramref name="resource"/>'s snapshot satisfies <paramref name="condition"/>, described by <paramref name="what"/>.</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/>; the message says where it stood.</exception>
    public static async Task<ResourceEvent> WaitForAsync(this SalesApp app, string resource, string what, Func<ResourceEvent, bool> condition,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        ResourceEvent? found = null;
        await WaitAsync(app, resource, what, timeout,
            async token => found = await app.App.ResourceNotifications.WaitForResourceAsync(resource, condition, token), cancellationToken);
        return found!;
    }

    /// <summary>Waits until an instance (replica) of <paramref name="resource"/> has written a line containing <paramref name="text"/>.</summary>
    /// <remarks>
    /// A resource's states and its log reach the test by separate streams, so a state published after a line (FailedToStart
    /// after the reason) can be seen before the line is: a test that finds a state asks for the line with this, not at once.
    /// </remarks>
    /// <exception cref="TimeoutException">It had not within <paramref name="timeout"/>; the message gives its last lines.</exception>
    public static Task WaitForLogLineAsync(this SalesApp app, string resource, string text, TimeSpan timeout, CancellationToken cancellationToken) =>
        Eventually.WaitUntilAsync(() => Task.FromResult(app.Resources.Any(resource, line => line.Contains(text, StringComparison.Ordinal))),
            timeout, $"'{resource}' to write a line containing \"{text}\"", () => app.Describe(resource), cancellationToken);

    private static async Task WaitAsync(SalesApp app, string resource, string what, TimeSpan timeout, Func<CancellationToken, Task> wait,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var waiting = wait(deadline.Token);
            if (await Task.WhenAny(waiting, app.Started) == app.Started && app.Started.IsFaulted)
            {
                await app.Started;
            }

            await waiting;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Timed out after {timeout.TotalSeconds:0} s waiting for resource '{resource}' to be {what}.\n{app.Describe(resource)}");
        }
    }
}
