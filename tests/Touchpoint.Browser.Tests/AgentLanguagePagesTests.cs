using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Issue 20, agent UI: a member of staff chooses Swedish on their account page; the pages they load from then on, and
/// after signing in again from another browser, read in Swedish. English stays everyone else's default.
/// </summary>
public sealed class AgentLanguagePagesTests(TouchpointApp app)
{
    [Fact]
    public async Task A_user_who_chooses_Swedish_reads_the_navigation_My_work_and_a_customer_in_Swedish_also_after_signing_in_again()
    {
        var user = await app.CreateStaffAsync("Signe Svensson");

        var page = await app.NewPageAsync();
        await page.SignInAsync(user.UserName, user.Password);
        var navigation = page.Locator(".mud-navmenu").First;
        await Expect(navigation).ToContainTextAsync("My work");

        await page.OpenAsync("/account");
        await page.ChooseAsync("language-picker", "Svenska");
        await page.GetByTestId("language-save").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mitt konto" })).ToBeVisibleAsync();

        await page.ReloadAsync();
        await page.OpenAsync("/work");
        await AssertMyWorkInSwedishAsync(page);

        var customerId = await page.CreateCustomerAsync("Sara Svensk");
        await page.OpenAsync($"/customers/{customerId}");
        await Expect(page.GetByTestId("open-items")).ToContainTextAsync("Öppna ärenden och löften");
        await Expect(page.GetByTestId("new-case")).ToHaveTextAsync("Nytt ärende");
        await Expect(page.GetByTestId("identities")).ToContainTextAsync("Identiteter");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Tidslinje");
        await Expect(page.GetByTestId("customer-kind")).ToHaveTextAsync("Privatperson");
        await Expect(page.GetByTestId("open-items")).Not.ToContainTextAsync("Open items");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sv");

        var stored = await page.Context.APIRequest.GetAsync("/api/account/language");
        Assert.Equal("sv", JsonDocument.Parse(await stored.TextAsync()).RootElement.GetProperty("language").GetString());

        // Another browser, with no cookie and an English Accept-Language: the stored choice holds from the sign-in on.
        var elsewhere = await app.NewPageAsync();
        await elsewhere.SignInAsync(user.UserName, user.Password);
        await elsewhere.OpenAsync("/work");
        await AssertMyWorkInSwedishAsync(elsewhere);
    }

    private static async Task AssertMyWorkInSwedishAsync(IPage page)
    {
        var navigation = page.Locator(".mud-navmenu").First;
        await Expect(navigation).ToContainTextAsync("Mitt arbete");
        await Expect(navigation).ToContainTextAsync("Kunder");
        await Expect(navigation).ToContainTextAsync("Ärenden");
        await Expect(navigation).Not.ToContainTextAsync("Customer care");
        await Expect(navigation).Not.ToContainTextAsync("My work");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mitt arbete", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("work-refresh")).ToHaveTextAsync("Uppdatera");
        await Expect(page.GetByTestId("work-empty")).ToContainTextAsync("Inget väntar på dig");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).First).ToBeAttachedAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Sign out");
    }
}
