using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Orchestration;

namespace RealtimeSales.Hosting;

/// <summary>
/// A distributed application: its resources (brokers, databases, projects) started in dependency order as
/// child processes of this one, watched, and stopped together. After Aspire's class of the same name.
/// </summary>
/// <remarks>
/// No child outlives this process, even when it is killed: children get a parent-death signal from the kernel.
/// <see cref="DisposeAsync"/> stops everything within a bounded time, killing what does not stop.
/// </remarks>
public sealed class DistributedApplication : IHost, IAsyncDisposable
{
    // Graceful stop: dependents 10 s, then PostgreSQL's fast shutdown; anything still running after this is killed.
    private static readonly TimeSpan s_disposeTimeout = TimeSpan.FromSeconds(60);

    private readonly IHost _host;
    private readonly bool _ownedByTestingBuilder;
    private readonly ApplicationOrchestrator _orchestrator;
    private int _disposed;

    internal DistributedApplication(IHost host, bool ownedByTestingBuilder)
    {
        _host = host;
        _ownedByTestingBuilder = ownedByTestingBuilder;

        // Resolved now, not at start: every resource is visible (NotStarted) as soon as the application is built.
        _orchestrator = host.Services.GetRequiredService<ApplicationOrchestrator>();
    }

    /// <inheritdoc />
    public IServiceProvider Services => _host.Services;

    /// <summary>The resources' states and their changes.</summary>
    public ResourceNotificationService ResourceNotifications => Services.GetRequiredService<ResourceNotificationService>();

    /// <summary>The resources' console output.</summary>
    public ResourceLoggerService ResourceLogs => Services.GetRequiredService<ResourceLoggerService>();

    /// <summary>Start, stop, restart and kill single resources.</summary>
    public ResourceCommandService ResourceCommands => Services.GetRequiredService<ResourceCommandService>();

    /// <summary>Creates a builder whose configuration comes from the AppHost's appsettings.json, environment and <paramref name="args"/>.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => CreateBuilder(new DistributedApplicationOptions { Args = args });

    /// <summary>Creates a builder with the given options.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DistributedApplicationBuilder(options);
    }

    /// <summary>Starts every resource in dependency order; returns once they are on their way, not once healthy.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _host.StartAsync(cancellationToken);

    /// <summary>Stops every resource, dependents first; each is asked to exit and killed if it has not within 10 s.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <summary>Runs until Ctrl+C or SIGTERM; see <see cref="RunAsync"/>.</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>
    /// Starts the application and runs until Ctrl+C or SIGTERM, then stops it. When a resource fails to start,
    /// the application stops and the process exit code becomes 1. Under the testing builder it returns at once:
    /// the test starts and stops the application itself.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (_ownedByTestingBuilder)
        {
            return;
        }

        await _host.StartAsync(cancellationToken);
        var lifetime = Services.GetRequiredService<IHostApplicationLifetime>();
        _ = StopOnStartFailureAsync(lifetime);
        await _host.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Stops everything (bounded: what has not stopped after a minute is killed) and releases the host.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(s_disposeTimeout);
            await _host.StopAsync(timeout.Token).WaitAsync(s_disposeTimeout + TimeSpan.FromSeconds(10), CancellationToken.None);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // The graceful path is over its budget: what is left gets no more chances.
        }
        finally
        {
            await _orchestrator.ReleaseAsync();
            _host.Dispose();
        }
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task StopOnStartFailureAsync(IHostApplicationLifetime lifetime)
    {
        try
        {
            await foreach (var snapshot in ResourceNotifications.WatchAsync(lifetime.ApplicationStopping))
            {
                if (snapshot.State == ResourceState.FailedToStart)
                {
                    // The console view has shown why; without this resource the application cannot do its work.
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping anyway.
        }
    }
}
