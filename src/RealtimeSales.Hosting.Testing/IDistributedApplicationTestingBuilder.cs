namespace RealtimeSales.Hosting.Testing;

/// <summary>
/// The AppHost's own application, declared by its entry point and held just before it is built, so that a test
/// can still change it (configuration, resources) before <see cref="BuildAsync"/>. Disposing it disposes the application.
/// </summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder, IAsyncDisposable
{
    /// <summary>Lets the AppHost's entry point build the application, and returns it, not yet started.</summary>
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}
