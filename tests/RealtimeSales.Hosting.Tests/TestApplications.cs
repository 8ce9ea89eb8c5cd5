namespace RealtimeSales.Hosting.Tests;

/// <summary>Builders for applications declared in a test, with nothing echoed to the console.</summary>
internal static class TestApplications
{
    public static IDistributedApplicationBuilder CreateBuilder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, WriteToConsole = false });
}
