using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Touchpoint.Browser.Tests;

/// <summary>What a person does in the browser, in the words of the tests.</summary>
internal static partial class BrowserSteps
{
    /// <summary>Signs in through the real /signin form and waits until the page it lands on is interactive.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        await page.GotoAsync("/signin");
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(NotSignInPage());
        await page.WaitForInteractivityAsync();
    }

    /// <summary>
    /// Waits until the prerendered page has its interactive circuit (negotiate, then the WebSocket,
    /// then quiet). A link clicked before that can change the address without changing the page.
    /// </summary>
    public static Task WaitForInteractivityAsync(this IPage page) => page.WaitForLoadStateAsync(LoadState.NetworkIdle);

    /// <summary>Saves a screenshot of the viewport when TP_SCREENSHOTS names a folder.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        if (TouchpointApp.ScreenshotDirectory is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}.png") });
    }

    [GeneratedRegex(@"^(?!.*/signin).*$")]
    private static partial Regex NotSignInPage();
}
