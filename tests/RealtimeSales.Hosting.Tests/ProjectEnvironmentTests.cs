using RealtimeSales.Hosting.Orchestration;

namespace RealtimeSales.Hosting.Tests;

public sealed class ProjectEnvironmentTests
{
    [Fact]
    public void AProjectGetsItsReferencesSettingsPortTelemetryNameAndEnvironment()
    {
        var builder = TestApplications.CreateBuilder("--Aggregator:WindowSize=00:00:05", "--Aggregator:Nested:Key=x", "--Producer:Stores=3");
        var kafka = builder.AddKafka("kafka");
        var aggregator = builder.AddProject<MissingProject>("aggregator")
            .WithConfigurationSection("Aggregator")
            .WithReference(kafka)
            .WithEnvironment("EXTRA", "1");

        var environment = ProjectEnvironment.Build(aggregator.Resource, "aggregator-1", 5123, builder.Configuration, "Development",
            new Dictionary<string, string> { ["kafka"] = "127.0.0.1:9092" });

        Assert.Equal("127.0.0.1:9092", environment["ConnectionStrings__kafka"]);
        Assert.Equal("00:00:05", environment["Aggregator__WindowSize"]);
        Assert.Equal("x", environment["Aggregator__Nested__Key"]);
        Assert.False(environment.ContainsKey("Producer__Stores"));
        Assert.Equal("http://127.0.0.1:5123", environment["ASPNETCORE_URLS"]);
        Assert.Equal("http://127.0.0.1:5123", environment["Urls"]);
        Assert.Equal("aggregator", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=aggregator-1", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("Development", environment["DOTNET_ENVIRONMENT"]);
        Assert.Equal("1", environment["EXTRA"]);
        Assert.False(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    [Fact]
    public void TelemetryIsExportedOnlyWhereTheAppHostWasToldAndWithEnvironmentHasTheLastWord()
    {
        var builder = TestApplications.CreateBuilder("--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317");
        var project = builder.AddProject<MissingProject>("producer")
            .WithEnvironment("DOTNET_ENVIRONMENT", "Staging")
            .WithEnvironment("OTEL_SERVICE_NAME", null);

        var environment = ProjectEnvironment.Build(project.Resource, "producer", 5000, builder.Configuration, "Development", new Dictionary<string, string>());

        Assert.Equal("http://127.0.0.1:4317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("Staging", environment["DOTNET_ENVIRONMENT"]);
        Assert.Null(environment["OTEL_SERVICE_NAME"]);
    }
}
