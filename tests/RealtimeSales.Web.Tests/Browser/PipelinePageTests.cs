using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The Pipeline page charts the numbers the workers publish on /metrics.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PipelinePageTests(DashboardApp dashboard)
{
    [Fact]
    public async Task PipelinePageChartsTheWorkersMetrics()
    {
        await using var context = await dashboard.NewContextAsync();
        var page = await dashboard.SignedInPageAsync(context);
        await page.GotoAsync("/pipeline");

        // 40 events/s produced and consumed: a rate above zero is read from the counters, not assumed.
        await dashboard.ExpectAsync("a consumption rate above zero", () => Expect(page.Locator("[data-kpi='consumed']")).ToHaveTextAsync(Positive()));
        await Expect(page.Locator("[data-kpi='produced']")).ToHaveTextAsync(Positive());
        await dashboard.ExpectAsync("a checkpoint p99", () => Expect(page.Locator("[data-kpi='p99']")).ToHaveTextAsync(Positive()));
        await Expect(page.Locator("#partitions tbody tr").First).ToContainTextAsync("aggregator");
        foreach (var chart in (string[])["throughput", "lag", "watermark", "checkpoint", "windows", "faults"])
        {
            await Expect(page.Locator($"#chart-{chart} path.series").First).ToBeAttachedAsync();
        }

        await Expect(page.Locator("#sources")).ToContainTextAsync("producer");
        await Expect(page.Locator("#sources .bad")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, nameof(PipelinePageChartsTheWorkersMetrics));
    }

    private static System.Text.RegularExpressions.Regex Positive() => new("^(?!0(\\.0)?$)[0-9][0-9.,]*$");
}
