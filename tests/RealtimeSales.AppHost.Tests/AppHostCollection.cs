namespace RealtimeSales.AppHost.Tests;

/// <summary>
/// Every test here runs the whole application (a broker, PostgreSQL, the workers) on a 2-core machine:
/// one at a time, so that each gets the machine and their timings mean something.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostCollection
{
    public const string Name = "apphost";
}
