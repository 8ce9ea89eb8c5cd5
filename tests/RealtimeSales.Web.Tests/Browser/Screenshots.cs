using Microsoft.Playwright;
using RealtimeSales.Testing;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>
/// Each browser test leaves a full-page screenshot under <c>artifacts/screenshots/</c> (git-ignored), for people and CI
/// artifacts: <c>aspire-dashboard/</c> for the Aspire dashboard, <c>web/</c> for the web app.
/// </summary>
internal static class Screenshots
{
    public static string Directory { get; } = Path.Combine(BuiltProject.RepositoryRoot, "artifacts", "screenshots");

    public static async Task SaveAsync(IPage page, string folder, string name)
    {
        var directory = Path.Combine(Directory, folder);
        System.IO.Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }
}
