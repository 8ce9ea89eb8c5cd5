using Microsoft.Playwright;
using RealtimeSales.Hosting.ApplicationModel;
using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The Resources page shows the engine's live state and drives its commands.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ResourcesPageTests(DashboardApp dashboard)
{
    private static readonly string[] s_resources = ["kafka", "postgres", "salesdb", "producer", "aggregator"];

    [Fact]
    public async Task ResourcesPageShowsEveryResourceRunning()
    {
        await using var context = await dashboard.NewContextAsync();
        var page = await dashboard.SignedInPageAsync(context);

        foreach (var resource in s_resources)
        {
            var row = Row(page, resource);
            await dashboard.ExpectAsync($"{resource} to show Running and Healthy", async () =>
            {
                await Expect(row.Locator("[data-state]")).ToHaveAttributeAsync("data-state", "Running");
                await Expect(row).ToContainTextAsync("Healthy");
            });
        }

        // The database's password is masked until asked for, and then it is the real one.
        var salesdb = Row(page, "salesdb");
        var password = new Npgsql.NpgsqlConnectionStringBuilder(dashboard.App.ResourceNotifications.GetSnapshot("salesdb").ConnectionString).Password!;
        await Expect(salesdb).ToContainTextAsync("••••••");
        Assert.DoesNotContain(password, await page.ContentAsync(), StringComparison.Ordinal);
        await salesdb.GetByRole(AriaRole.Button, new() { Name = "Show password" }).ClickAsync();
        await Expect(salesdb).ToContainTextAsync(password);
        await salesdb.GetByRole(AriaRole.Button, new() { Name = "Hide password" }).ClickAsync();
        await Expect(salesdb).Not.ToContainTextAsync(password);

        await Expect(Row(page, "producer").Locator("td").Nth(6)).ToHaveTextAsync(
            dashboard.App.ResourceNotifications.GetSnapshot("producer").ProcessId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(page, nameof(ResourcesPageShowsEveryResourceRunning));
    }

    [Fact]
    public async Task StopThenStartOnTheProducerChangesItsState()
    {
        await using var context = await dashboard.NewContextAsync();
        var page = await dashboard.SignedInPageAsync(context);
        var producer = Row(page, "producer");
        var state = producer.Locator("[data-state]");
        await dashboard.ExpectAsync("the producer to run", () => Expect(state).ToHaveAttributeAsync("data-state", "Running"));
        var restartsBefore = dashboard.App.ResourceNotifications.GetSnapshot("producer").Restarts;

        await producer.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();

        await dashboard.ExpectAsync("the producer to stop", () => Expect(state).ToHaveAttributeAsync("data-state", "Exited"));
        Assert.Equal(ResourceState.Exited, dashboard.App.ResourceNotifications.GetSnapshot("producer").State);
        await Expect(producer.GetByRole(AriaRole.Button, new() { Name = "Start" })).ToBeEnabledAsync();
        await Screenshots.SaveAsync(page, nameof(StopThenStartOnTheProducerChangesItsState) + "-stopped");

        await producer.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();

        await dashboard.ExpectAsync("the producer to run again", () => Expect(state).ToHaveAttributeAsync("data-state", "Running"));
        var snapshot = dashboard.App.ResourceNotifications.GetSnapshot("producer");
        Assert.Equal(ResourceState.Running, snapshot.State);
        Assert.Equal(restartsBefore + 1, snapshot.Restarts);
        await Expect(producer.Locator("td").Nth(5)).ToHaveTextAsync(snapshot.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(page, nameof(StopThenStartOnTheProducerChangesItsState));
    }

    private static ILocator Row(IPage page, string resource) => page.Locator($"#resources tr[data-resource='{resource}']");
}
