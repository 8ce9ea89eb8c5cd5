using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Orchestration;

namespace RealtimeSales.Hosting;

/// <summary>The builder behind <see cref="DistributedApplication.CreateBuilder(string[])"/>: the generic host's builder plus the resource model.</summary>
internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    // Dependents get 10 s each to stop before they are killed, then PostgreSQL gets a fast shutdown: leave room for both.
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(90);

    private readonly HostApplicationBuilder _host;
    private readonly List<IResource> _resources = [];
    private readonly DistributedApplicationOptions _options;
    private readonly IDistributedApplicationHook? _hook;
    private readonly AppHostInfo _appHost;

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        _hook = IDistributedApplicationHook.Current.Value;
        _hook?.OnCreating(options);
        _options = options;
        _appHost = AppHostInfo.From(options.AppHostAssembly ?? Assembly.GetEntryAssembly());
        _host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = options.Args,
            ApplicationName = _appHost.Assembly?.GetName().Name,
            ContentRootPath = _appHost.Directory,
        });
        if (options.WriteToConsole)
        {
            _host.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            // Quiet, as asked: a test adds the logging it wants through Services.
            _host.Logging.ClearProviders();
        }

        _host.Services.Configure<HostOptions>(host => host.ShutdownTimeout = s_shutdownTimeout);
    }

    public ConfigurationManager Configuration => _host.Configuration;

    public IHostEnvironment Environment => _host.Environment;

    public IServiceCollection Services => _host.Services;

    public IReadOnlyList<IResource> Resources => _resources;

    public Assembly? AppHostAssembly => _appHost.Assembly;

    public string AppHostDirectory => _appHost.Directory;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Find(existing => string.Equals(existing.Name, resource.Name, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            throw new DistributedApplicationException($"Cannot add {resource}: the application already has {existing} (names are case-insensitive).");
        }

        _resources.Add(resource);
        return CreateResourceBuilder(resource);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource => new ResourceBuilder<T>(this, resource);

    public DistributedApplication Build()
    {
        _hook?.OnBuilding(this);
        _host.Services.AddSingleton(_appHost);
        _host.Services.AddSingleton(new DistributedApplicationModel(_resources.Select(AsKnownResource).ToList()));
        _host.Services.AddSingleton<ResourceNotificationService>();
        _host.Services.AddSingleton<ResourceLoggerService>();
        _host.Services.AddSingleton<ApplicationOrchestrator>();
        _host.Services.AddSingleton(services => new ResourceCommandService(services.GetRequiredService<ApplicationOrchestrator>()));
        if (_options.WriteToConsole)
        {
            // Registered first so that it is started before, and stopped after, the resources it reports on.
            _host.Services.AddHostedService<ConsoleView>();
        }

        _host.Services.AddHostedService(services => services.GetRequiredService<ApplicationOrchestrator>());
        var application = new DistributedApplication(_host.Build(), ownedByTestingBuilder: _hook is not null);
        _hook?.OnBuilt(application);
        return application;
    }

    private static Resource AsKnownResource(IResource resource) => resource as Resource ?? throw new DistributedApplicationException(
        $"'{resource.Name}' is a {resource.GetType().Name}; this engine runs only the resources its Add… methods create.");
}
