using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeSales.Hosting.ApplicationModel;
using RealtimeSales.Hosting.Orchestration;

namespace RealtimeSales.Hosting.Tests;

public sealed class StatusTableTests
{
    [Fact]
    public void TheTableShowsStateHealthPidRestartsAndWhatIsWrong()
    {
        ResourceSnapshot[] units =
        [
            new() { Name = "kafka", ResourceName = "kafka", ResourceType = "Kafka", State = ResourceState.Running, Health = HealthStatus.Healthy, ProcessId = 42 },
            new() { Name = "aggregator", ResourceName = "aggregator", ResourceType = "Project", State = ResourceState.Exited, ExitCode = 137, Restarts = 2 },
            new() { Name = "producer", ResourceName = "producer", ResourceType = "Project", State = ResourceState.Waiting, WaitsFor = ["kafka"] },
        ];

        var table = StatusTable.Format(units).Split('\n');

        Assert.Equal(
        [
            "  NAME        TYPE     STATE    HEALTH   PID  RESTARTS  DETAILS",
            "  kafka       Kafka    Running  Healthy  42   0         ",
            "  aggregator  Project  Exited   -        -    2         exit code 137",
            "  producer    Project  Waiting  -        -    0         waiting for kafka",
        ], table);
    }

    [Fact]
    public void OnlyChangesOfStateHealthRestartsOrProcessReprintTheTable()
    {
        var running = new ResourceSnapshot { Name = "kafka", ResourceName = "kafka", ResourceType = "Kafka", State = ResourceState.Running, Health = HealthStatus.Healthy };

        Assert.Equal(StatusTable.Signature([running]), StatusTable.Signature([running with { HealthDescription = "1 broker(s)" }]));
        Assert.NotEqual(StatusTable.Signature([running]), StatusTable.Signature([running with { Health = HealthStatus.Unhealthy }]));
    }
}
