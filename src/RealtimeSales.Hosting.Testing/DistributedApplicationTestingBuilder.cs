namespace RealtimeSales.Hosting.Testing;

/// <summary>
/// Creates the application an AppHost declares, for integration tests, after Aspire.Hosting.Testing:
/// <code>
/// await using var builder = await DistributedApplicationTestingBuilder.CreateAsync&lt;Projects.RealtimeSales_AppHost&gt;(["--Aggregator:WindowSize=00:00:02"], ct);
/// await using var app = await builder.BuildAsync(ct);
/// await app.StartAsync(ct);
/// await app.WaitForResourceHealthyAsync("aggregator", cancellationToken: ct);
/// </code>
/// </summary>
/// <remarks>
/// The AppHost's entry point (its Program.cs) really runs, on a thread of its own, with the test's arguments
/// after its command line: the test gets exactly the application the AppHost declares. Under test, host ports are
/// randomised (<c>Hosting:RandomizePorts</c>; a test argument may turn it off) and nothing is echoed to the
/// console: read a resource's output with <c>GetResourceLogs</c>.
/// </remarks>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>How long the entry point may take to declare the application.</summary>
    public static readonly TimeSpan EntryPointTimeout = TimeSpan.FromSeconds(60);

    /// <inheritdoc cref="CreateAsync(Type, string[], CancellationToken)"/>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default)
        where TEntryPoint : class => CreateAsync(typeof(TEntryPoint), [], cancellationToken);

    /// <inheritdoc cref="CreateAsync(Type, string[], CancellationToken)"/>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : class => CreateAsync(typeof(TEntryPoint), args, cancellationToken);

    /// <summary>Runs the AppHost's entry point until it builds its application, and returns the builder it declared.</summary>
    /// <param name="entryPoint">A type in the AppHost assembly, typically <c>Projects.&lt;AppHost&gt;</c>.</param>
    /// <param name="args">Test overrides, e.g. <c>--Aggregator:WindowSize=00:00:02</c> or <c>--ConnectionStrings:kafka=127.0.0.1:9092</c>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <exception cref="InvalidOperationException">The entry point failed, or ended without building an application.</exception>
    /// <exception cref="TimeoutException">The entry point did not build within <see cref="EntryPointTimeout"/>.</exception>
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync(Type entryPoint, string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryPoint);
        ArgumentNullException.ThrowIfNull(args);
        var invoker = new EntryPointInvoker(entryPoint.Assembly, args);
        try
        {
            return await invoker.RunUntilBuildAsync(EntryPointTimeout, cancellationToken);
        }
        catch
        {
            await invoker.DisposeAsync();
            throw;
        }
    }
}
