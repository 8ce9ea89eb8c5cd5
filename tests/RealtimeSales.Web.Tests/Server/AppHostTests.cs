using RealtimeSales.Hosting.Testing;

namespace RealtimeSales.Web.Tests.Server;

/// <summary>The dashboard comes with the AppHost, as Aspire's does: <c>dotnet run --project RealtimeSales.AppHost</c> serves it.</summary>
public sealed class AppHostTests
{
    [Fact]
    public async Task TheAppHostDeclaresTheDashboard()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RealtimeSales_AppHost>(TestContext.Current.CancellationToken);

        Assert.True(builder.Services.Any(service => service.ServiceType == typeof(WebAccess)),
            "RealtimeSales.AppHost/Program.cs does not call builder.AddDashboard(), so the AppHost would run without its dashboard.");
    }
}
