using Microsoft.Extensions.Diagnostics.HealthChecks;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Tests;

public sealed class ResourceNotificationServiceTests
{
    private static readonly ResourceSnapshot s_kafka = new() { Name = "kafka", ResourceName = "kafka", ResourceType = "Kafka" };

    [Fact]
    public async Task WatchingGivesEveryCurrentSnapshotThenEachChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var notifications = new ResourceNotificationService();
        notifications.Publish(s_kafka);

        await using var changes = notifications.WatchAsync(ct).GetAsyncEnumerator(ct);
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(ResourceState.NotStarted, changes.Current.State);

        notifications.Publish(s_kafka with { State = ResourceState.Running, Health = HealthStatus.Healthy });
        Assert.True(await changes.MoveNextAsync());
        Assert.True(changes.Current.IsHealthy);
    }

    [Fact]
    public async Task WaitingForHealthCompletesWhenHealthyAndFailsAtOnceWhenTheResourceFailedToStart()
    {
        var ct = TestContext.Current.CancellationToken;
        var notifications = new ResourceNotificationService();
        notifications.Publish(s_kafka);

        var healthy = notifications.WaitForResourceHealthyAsync("KAFKA", ct);
        Assert.False(healthy.IsCompleted);
        notifications.Publish(s_kafka with { State = ResourceState.Running, Health = HealthStatus.Healthy });
        await healthy.WaitAsync(TimeSpan.FromSeconds(5), ct);

        notifications.Publish(s_kafka with { State = ResourceState.FailedToStart, Error = "port taken" });
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => notifications.WaitForResourceHealthyAsync("kafka", ct));
        Assert.Equal("Resource 'kafka' failed to start: port taken", error.Message);
    }

    [Fact]
    public void AnUnknownNameIsAnErrorThatListsTheResources()
    {
        var notifications = new ResourceNotificationService();
        notifications.Publish(s_kafka);

        var error = Assert.Throws<ArgumentException>(() => notifications.GetSnapshots("kafak"));

        Assert.StartsWith("There is no resource named 'kafak'. Resources: kafka.", error.Message, StringComparison.Ordinal);
    }
}
