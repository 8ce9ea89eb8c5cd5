using static Microsoft.Playwright.Assertions;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The web app's Pipeline page charts what Kafka and the checkpoints in PostgreSQL say.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PipelinePageTests(BrowserApp browser)
{
    [Fact]
    public async Task PipelinePageChartsThroughputLagAndWatermarksPerPartition()
    {
        await using var context = await browser.NewContextAsync(browser.WebAddress);
        var page = await browser.SignedInWebPageAsync(context);
        await page.GotoAsync("/pipeline");

        // 40 events/s produced and consumed: a rate above zero is read from the partition ends and checkpoints, not assumed.
        await browser.ExpectAsync("a production rate above zero", () => Expect(page.Locator("[data-kpi='produced']")).ToHaveTextAsync(Positive()));
        await browser.ExpectAsync("a consumption rate above zero", () => Expect(page.Locator("[data-kpi='consumed']")).ToHaveTextAsync(Positive()));
        await browser.ExpectAsync("closed windows counted", () => Expect(page.Locator("[data-kpi='windows']")).ToHaveTextAsync(Positive()));
        await Expect(page.Locator("#partitions tbody tr:not(.empty)")).ToHaveCountAsync(6);
        foreach (var chart in (string[])["throughput", "lag", "watermark", "windows", "faults"])
        {
            await Expect(page.Locator($"#chart-{chart} path.series").First).ToBeAttachedAsync();
        }

        await Expect(page.Locator("#sources")).ToContainTextAsync("Kafka");
        await Expect(page.Locator("#sources .bad")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "web", nameof(PipelinePageChartsThroughputLagAndWatermarksPerPartition));
    }

    private static System.Text.RegularExpressions.Regex Positive() => new("^(?!0(\\.0)?$)[0-9][0-9.,kM]*$");
}
