namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>
/// What every resource of this engine records about its wiring. The engine knows how to run each concrete
/// resource type (a project, the DevBroker, PostgreSQL), so the set of types is closed.
/// </summary>
public abstract class Resource : IResource
{
    private readonly List<IResource> _waitsFor = [];
    private readonly List<IResourceWithConnectionString> _references = [];
    private readonly List<KeyValuePair<string, string?>> _environment = [];
    private readonly List<string> _configurationSections = [];

    private protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>A short type name for status views: <c>Project</c>, <c>Kafka</c>, <c>Postgres</c>, …</summary>
    public abstract string ResourceType { get; }

    /// <summary>Resources that must be running and healthy before this one starts.</summary>
    public IReadOnlyList<IResource> WaitsFor => _waitsFor;

    /// <summary>Resources whose connection strings this one receives.</summary>
    public IReadOnlyList<IResourceWithConnectionString> References => _references;

    /// <summary>Environment variables set with <c>WithEnvironment</c>, in order (a later value for a name wins).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Environment => _environment;

    /// <summary>AppHost configuration sections passed on as environment variables (<c>Aggregator:X</c> → <c>Aggregator__X</c>).</summary>
    public IReadOnlyList<string> ConfigurationSections => _configurationSections;

    /// <summary>The resource this one lives inside (a database's server); <see langword="null"/> for top-level resources.</summary>
    public virtual IResource? Parent => null;

    /// <inheritdoc />
    public override string ToString() => $"{ResourceType} '{Name}'";

    internal void AddWaitFor(IResource dependency)
    {
        if (!_waitsFor.Contains(dependency))
        {
            _waitsFor.Add(dependency);
        }
    }

    internal void AddReference(IResourceWithConnectionString source)
    {
        if (!_references.Contains(source))
        {
            _references.Add(source);
        }
    }

    internal void AddEnvironment(string name, string? value) => _environment.Add(new(name, value));

    internal void AddConfigurationSection(string section)
    {
        if (!_configurationSections.Contains(section, StringComparer.OrdinalIgnoreCase))
        {
            _configurationSections.Add(section);
        }
    }
}
