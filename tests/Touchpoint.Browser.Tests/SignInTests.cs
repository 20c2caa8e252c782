using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

public sealed class SignInTests(TouchpointApp app)
{
    [Fact]
    public async Task Agent_signs_in_through_the_sign_in_page_and_sees_the_greeting_and_the_agent_card()
    {
        var page = await app.NewPageAsync();

        await page.SignInAsync("agent", TouchpointApp.DemoPassword);

        await Expect(page.GetByTestId("home-greeting")).ToHaveTextAsync("Welcome, Anna Agent");
        await Expect(page.GetByTestId("home-agent")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("home-admin")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("home-agent-1280");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message_on_the_sign_in_page()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.Locator(".tp-signin form").AssertInputsUsableAsync("The sign-in form");

        await page.Locator("#userName").FillAsync("lead");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("Wrong user name or password.");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    [Fact]
    public async Task A_signed_out_visitor_to_an_admin_page_is_sent_to_sign_in_and_back_afterwards()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/admin/audit");
        await Expect(page.Locator("#userName")).ToBeVisibleAsync();
        await page.Locator("#userName").FillAsync("admin");
        await page.Locator("#password").FillAsync(TouchpointApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/admin/audit");
        await Expect(page.GetByTestId("audit-table")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_home_page_fits_a_phone_screen_without_sideways_scrolling()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);

        await page.SignInAsync("partner", TouchpointApp.DemoPassword);
        await Expect(page.GetByTestId("home-greeting")).ToBeVisibleAsync();

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        await page.ScreenshotAsync("home-partner-390");
        Assert.True(scrollWidth <= clientWidth + 1, $"The page is {scrollWidth}px wide on a {clientWidth}px screen.");
    }
}
