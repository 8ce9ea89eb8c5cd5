using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting;

/// <summary>Declares the resources of a distributed application, then builds it; after Aspire's interface of the same name.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>The AppHost's configuration: its appsettings.json, environment variables and command line.</summary>
    ConfigurationManager Configuration { get; }

    /// <summary>The AppHost's environment; its name is passed on to the projects.</summary>
    IHostEnvironment Environment { get; }

    /// <summary>Services of the AppHost itself.</summary>
    IServiceCollection Services { get; }

    /// <summary>The resources declared so far, in order.</summary>
    IReadOnlyList<IResource> Resources { get; }

    /// <summary>The AppHost's assembly, holding the <c>Projects</c> metadata.</summary>
    Assembly? AppHostAssembly { get; }

    /// <summary>The AppHost's project directory (its content root); relative data directories are resolved against it.</summary>
    string AppHostDirectory { get; }

    /// <summary>Adds a resource.</summary>
    /// <exception cref="DistributedApplicationException">A resource of that name exists.</exception>
    IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource;

    /// <summary>A builder for a resource already added, e.g. for a test to change it after the AppHost declared it.</summary>
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource;

    /// <summary>Builds the application; nothing starts until it is run or started.</summary>
    DistributedApplication Build();
}
