namespace RealtimeSales.Hosting;

/// <summary>
/// Lets the testing builder run the AppHost's own entry point and take over the application it builds, as
/// Aspire.Hosting.Testing does: it adjusts the options, may change the declared resources before the build,
/// and receives the built application, whose <c>Run</c> then returns at once.
/// </summary>
internal interface IDistributedApplicationHook
{
    /// <summary>The hook for code running on the entry point's thread, if a test started it.</summary>
    static AsyncLocal<IDistributedApplicationHook?> Current { get; } = new();

    void OnCreating(DistributedApplicationOptions options);

    /// <summary>Called when the AppHost calls <c>Build()</c>; may block until the test asks for the build.</summary>
    void OnBuilding(IDistributedApplicationBuilder builder);

    void OnBuilt(DistributedApplication application);
}
