using Microsoft.Playwright;
using RealtimeSales.Testing;

namespace RealtimeSales.Web.Tests.Browser;

/// <summary>Each browser test leaves a full-page screenshot under <c>artifacts/screenshots/dashboard/</c> (git-ignored), for people and CI artifacts.</summary>
internal static class Screenshots
{
    public static string Directory { get; } = Path.Combine(BuiltProject.RepositoryRoot, "artifacts", "screenshots", "dashboard");

    public static async Task SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, name + ".png"), FullPage = true });
    }
}
