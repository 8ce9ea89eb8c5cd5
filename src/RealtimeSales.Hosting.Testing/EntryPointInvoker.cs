using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Orchestration;

namespace RealtimeSales.Hosting.Testing;

/// <summary>
/// Runs an AppHost's entry point on its own thread with a hook that pauses it inside <c>Build()</c>: the test
/// gets the declared builder, may change it, and lets the build go on with <see cref="BuildAsync"/>. The entry
/// point's <c>Run()</c> then returns at once; the test starts and stops the application.
/// </summary>
internal sealed class EntryPointInvoker(Assembly appHost, string[] testArgs) : IDistributedApplicationHook, IDistributedApplicationTestingBuilder
{
    private readonly TaskCompletionSource<IDistributedApplicationBuilder> _declared = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DistributedApplication> _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _continueBuilding = new();
    private volatile bool _abandoned;

    private IDistributedApplicationBuilder Declared => _declared.Task.IsCompletedSuccessfully
        ? _declared.Task.Result
        : throw new InvalidOperationException("The AppHost has not declared its application yet.");

    public ConfigurationManager Configuration => Declared.Configuration;

    public IHostEnvironment Environment => Declared.Environment;

    public IServiceCollection Services => Declared.Services;

    public IReadOnlyList<IResource> Resources => Declared.Resources;

    public Assembly? AppHostAssembly => Declared.AppHostAssembly;

    public string AppHostDirectory => Declared.AppHostDirectory;

    public async Task<IDistributedApplicationTestingBuilder> RunUntilBuildAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var entryPoint = appHost.EntryPoint
            ?? throw new InvalidOperationException($"{appHost.GetName().Name} has no entry point: pass a type from the AppHost assembly.");
        new Thread(() => Run(entryPoint)) { IsBackground = true, Name = $"{appHost.GetName().Name} entry point" }.Start();
        try
        {
            await _declared.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The entry point of {appHost.GetName().Name} did not call Build() within {timeout.TotalSeconds:0} s.");
        }

        return this;
    }

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource => Declared.AddResource(resource);

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource => Declared.CreateResourceBuilder(resource);

    public DistributedApplication Build() => BuildAsync().GetAwaiter().GetResult();

    public async Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default)
    {
        _continueBuilding.Set();
        return await _built.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _abandoned = !_built.Task.IsCompleted;
        _continueBuilding.Set();

        if (_built.Task.IsCompletedSuccessfully)
        {
            await _built.Task.Result.DisposeAsync();
        }
    }

    void IDistributedApplicationHook.OnCreating(DistributedApplicationOptions options)
    {
        // Test arguments come last, so they override the AppHost's own; randomised ports come first, so a test may turn them off.
        options.Args = [$"--{RunnerFactory.RandomizePortsKey}=true", .. options.Args, .. testArgs];
        options.AppHostAssembly = appHost;
        options.WriteToConsole = false;
    }

    void IDistributedApplicationHook.OnBuilding(IDistributedApplicationBuilder builder)
    {
        _declared.TrySetResult(builder);
        _continueBuilding.Wait();
        if (_abandoned)
        {
            throw new OperationCanceledException("The testing builder was disposed before the application was built.");
        }
    }

    void IDistributedApplicationHook.OnBuilt(DistributedApplication application) => _built.TrySetResult(application);

    private void Run(MethodInfo entryPoint)
    {
        IDistributedApplicationHook.Current.Value = this;
        try
        {
            entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            Fail(new InvalidOperationException($"The entry point of {appHost.GetName().Name} returned without building a DistributedApplication."));
        }
        catch (TargetInvocationException e)
        {
            Fail(e.InnerException ?? e);
        }
    }

    private void Fail(Exception exception)
    {
        _declared.TrySetException(exception);
        _built.TrySetException(exception);
    }
}
