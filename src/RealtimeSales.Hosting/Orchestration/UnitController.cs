using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>
/// The life of one unit (a resource, or one replica of it): waiting for dependencies, starting, health probing,
/// noticing its exit, and the commands. Every change is published as a new <see cref="ResourceSnapshot"/>.
/// </summary>
/// <remarks>
/// Commands are serialised. A run (its waiting, starting and probing) has its own cancellation, which stop and
/// kill fire before they queue, so that they never wait behind a start that waits for a dependency.
/// </remarks>
internal sealed class UnitController
{
    /// <summary>Marks the lines the AppHost writes into a resource's log, among the resource's own.</summary>
    public const string NotePrefix = "[apphost] ";

    private static readonly TimeSpan s_probeUntilHealthy = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_probeWhileHealthy = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(5);

    private readonly ResourceNotificationService _notifications;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _commands = new(1, 1);
    private readonly Lock _gate = new();
    private ResourceSnapshot _snapshot;
    private CancellationTokenSource? _run;
    private Task _exitWatch = Task.CompletedTask;
    private volatile bool _stopRequested;
    private bool _startedBefore;

    public UnitController(string name, Resource resource, ResourceRunner runner, ResourceLog log, UnitDependencies dependencies,
        ResourceNotificationService notifications, ILogger logger)
    {
        Name = name;
        Resource = resource;
        Runner = runner;
        Log = log;
        Dependencies = dependencies;
        _notifications = notifications;
        _logger = logger;
        _snapshot = new ResourceSnapshot
        {
            Name = name,
            ResourceName = resource.Name,
            ResourceType = resource.ResourceType,
            IsExternal = runner.IsExternal,
            WaitsFor = [.. dependencies.Healthy.Select(dependency => dependency.Name)],
        };
        notifications.Publish(_snapshot);
    }

    public string Name { get; }

    public Resource Resource { get; }

    public ResourceRunner Runner { get; }

    public ResourceLog Log { get; }

    public UnitDependencies Dependencies { get; }

    public ResourceState State => Volatile.Read(ref _snapshot).State;

    /// <summary>Waits for the dependencies, then starts; returns once running (or at once if already on its way).</summary>
    /// <exception cref="DistributedApplicationException">It failed to start; the snapshot says why as well.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _commands.WaitAsync(cancellationToken);
        try
        {
            if (State is ResourceState.Waiting or ResourceState.Starting or ResourceState.Running or ResourceState.Stopping)
            {
                return;
            }

            var run = new CancellationTokenSource();
            Interlocked.Exchange(ref _run, run)?.Dispose();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Token, cancellationToken);
            await RunAsync(run, linked.Token);
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary>Stops the unit (SIGTERM, SIGKILL after the grace period) or abandons its waiting; returns once it has.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => EndAsync(kill: false, cancellationToken);

    /// <summary>Kills the unit at once (SIGKILL), as a crash would; returns once it has exited.</summary>
    public Task KillAsync(CancellationToken cancellationToken) => EndAsync(kill: true, cancellationToken);

    private async Task EndAsync(bool kill, CancellationToken cancellationToken)
    {
        CancelRun();
        await _commands.WaitAsync(cancellationToken);
        try
        {
            if (State is ResourceState.Running or ResourceState.Stopping)
            {
                _stopRequested = true;
                Update(snapshot => snapshot with { State = ResourceState.Stopping });
                if (kill)
                {
                    Runner.Kill();
                }
                else
                {
                    await Runner.StopAsync();
                }

                await _exitWatch;
            }
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary>Cancels the current run's waiting, starting and probing.</summary>
    public void CancelRun()
    {
        try
        {
            Volatile.Read(ref _run)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A newer run replaced it: nothing of the old one is left to cancel.
        }
    }

    private async Task RunAsync(CancellationTokenSource run, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> connectionStrings;
        try
        {
            if (Dependencies.Healthy.Count + Dependencies.ConnectionStrings.Count > 0)
            {
                Update(snapshot => snapshot with { State = ResourceState.Waiting, Error = null });
            }

            connectionStrings = await Dependencies.WaitAsync(_notifications, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Update(snapshot => snapshot with { State = ResourceState.NotStarted });
            throw;
        }
        catch (DistributedApplicationException e)
        {
            throw Fail(e.Message);
        }

        Update(snapshot => snapshot with
        {
            State = ResourceState.Starting,
            Restarts = snapshot.Restarts + (_startedBefore ? 1 : 0),
            Health = null,
            HealthDescription = null,
            ExitCode = null,
            Error = null,
        });
        _startedBefore = true;

        RunningUnit running;
        try
        {
            running = await Runner.StartAsync(connectionStrings, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(e.Message, e);
        }
        catch
        {
            // Stopped while starting: the runner has undone what it started.
            Update(snapshot => snapshot with { State = ResourceState.Exited, StoppedAt = DateTimeOffset.UtcNow });
            throw;
        }

        _stopRequested = false;
        Update(snapshot => snapshot with
        {
            State = ResourceState.Running,
            ProcessId = running.ProcessId,
            StartedAt = DateTimeOffset.UtcNow,
            StoppedAt = null,
            ConnectionString = running.ConnectionString ?? snapshot.ConnectionString,
            Endpoints = running.Endpoints,
        });
        _exitWatch = WatchExitAsync();
        _ = ProbeHealthAsync(run.Token);
    }

    private DistributedApplicationException Fail(string reason, Exception? cause = null)
    {
        Hosting.Log.FailedToStart(_logger, Name, reason);
        Log.Add(NotePrefix + "failed to start: " + reason, isErrorOutput: true);
        Update(snapshot => snapshot with { State = ResourceState.FailedToStart, Error = reason, ProcessId = null });
        var message = $"Resource '{Name}' failed to start: {reason}";
        return cause is null ? new DistributedApplicationException(message) : new DistributedApplicationException(message, cause);
    }

    private async Task WatchExitAsync()
    {
        var exitCode = await Runner.Exited;
        CancelRun();
        var requested = _stopRequested;
        var state = !requested && exitCode == 0 ? ResourceState.Finished : ResourceState.Exited;
        Hosting.Log.Exited(_logger, Name, exitCode, requested ? "stopped by the AppHost" : "on its own");
        if (!requested)
        {
            Log.Add($"{NotePrefix}exited with code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}", isErrorOutput: exitCode != 0);
        }

        Update(snapshot => snapshot with
        {
            State = state,
            ExitCode = exitCode,
            ProcessId = null,
            Health = null,
            HealthDescription = null,
            StoppedAt = DateTimeOffset.UtcNow,
        });
    }

    private async Task ProbeHealthAsync(CancellationToken cancellationToken)
    {
        HealthStatus? last = null;
        var wasHealthy = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            HealthCheckResult result;
            try
            {
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                probe.CancelAfter(s_probeTimeout);
                result = await Runner.CheckHealthAsync(probe.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                result = HealthCheckResult.Unhealthy($"the health probe did not answer within {s_probeTimeout.TotalSeconds:0} s");
            }

            // Before its first healthy verdict a starting process is expected to be unhealthy; say so only when it matters.
            if (result.Status != HealthStatus.Healthy && last != result.Status && (wasHealthy || Runner.IsExternal))
            {
                Log.Add($"{NotePrefix}unhealthy: {result.Description}", isErrorOutput: true);
            }

            wasHealthy |= result.Status == HealthStatus.Healthy;
            last = result.Status;
            Update(snapshot => snapshot.State == ResourceState.Running
                ? snapshot with { Health = result.Status, HealthDescription = result.Description }
                : snapshot);
            try
            {
                await Task.Delay(result.Status == HealthStatus.Healthy ? s_probeWhileHealthy : s_probeUntilHealthy, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Update(Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        lock (_gate)
        {
            var next = change(_snapshot);
            if (next == _snapshot)
            {
                return;
            }

            if (next.State != _snapshot.State)
            {
                Hosting.Log.StateChanged(_logger, Name, next.State.ToString());
            }

            Volatile.Write(ref _snapshot, next);
            _notifications.Publish(next);
        }
    }
}
