namespace RealtimeSales.Hosting.Tests;

/// <summary>A project that does not exist: these tests never get as far as running one.</summary>
public sealed class MissingProject : IProjectMetadata
{
    public string ProjectPath => "/nonexistent/Worker/Worker.csproj";
}
