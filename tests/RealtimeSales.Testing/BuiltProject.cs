using System.Reflection;

namespace RealtimeSales.Testing;

/// <summary>Finds the build output of the solution's programs, in the configuration the tests were built in.</summary>
public static class BuiltProject
{
    /// <summary>The repository root: the nearest directory above the test binaries holding RealtimeSales.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Debug or Release, as the test assembly was built.</summary>
    public static string Configuration { get; } = typeof(BuiltProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "Configuration").Value!;

    /// <summary>Path of <c>src/<paramref name="project"/>/bin/&lt;Configuration&gt;/net10.0/<paramref name="project"/>.dll</c>; it must have been built.</summary>
    public static string Dll(string project)
    {
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", project + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{project} is not built in {Configuration}: run `dotnet build RealtimeSales.sln -c {Configuration}` first.", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RealtimeSales.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"RealtimeSales.sln not found above {AppContext.BaseDirectory}.");
    }
}
