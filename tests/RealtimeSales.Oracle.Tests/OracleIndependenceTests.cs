using System.Xml.Linq;
using RealtimeSales.Testing;

namespace RealtimeSales.Oracle.Tests;

/// <summary>The oracle shares no code with src/: a decoder or window rule broken in the product cannot be broken in the oracle with it.</summary>
public sealed class OracleIndependenceTests
{
    [Fact]
    public void TheOracleAssemblyReferencesNoRealtimeSalesAssembly()
    {
        var references = typeof(Recount).Assembly.GetReferencedAssemblies().Select(name => name.Name!);

        Assert.DoesNotContain(references, name => name.StartsWith("RealtimeSales.", StringComparison.Ordinal));
    }

    [Fact]
    public void TheOracleProjectNeitherReferencesProjectsNorCompilesSourceFromElsewhere()
    {
        var project = XDocument.Load(Path.Combine(BuiltProject.RepositoryRoot, "tests", "RealtimeSales.Oracle", "RealtimeSales.Oracle.csproj"));
        var items = project.Descendants().Where(element => element.Name.LocalName is "ProjectReference" or "Compile" or "Reference" or "Content" or "None");

        Assert.Empty(items.Select(item => item.ToString()));
    }
}
