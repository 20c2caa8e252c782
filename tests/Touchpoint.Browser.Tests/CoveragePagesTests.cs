using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// The coverage page (S3-1): an agent checks Bert Lindqvist's summer-house postcode on Vätö before selling and sees
/// that 4G does not reach it, why, and that fiber can be sold instead; from the customer's page the check is one click.
/// </summary>
public sealed class CoveragePagesTests(TouchpointApp app)
{
    [Fact]
    public async Task An_agent_checks_Vato_and_sees_no_4G_with_the_reason_and_fiber_plans_instead()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        await page.OpenAsync("/coverage");

        await page.Locator("#coverage-postcode").FillAsync("760 18");
        await page.GetByTestId("coverage-check").ClickAsync();

        await Expect(page.GetByTestId("coverage-place")).ToHaveTextAsync("SE 760 18 Vätö");
        await Expect(page.GetByTestId("coverage-technologies")).ToHaveTextAsync("fiber");
        var fourG = page.GetByTestId("coverage-answers").Locator("tr").Filter(new() { HasText = "4G" }).First;
        await Expect(fourG).ToContainTextAsync("alternate");
        await Expect(fourG).ToContainTextAsync("There is no 4G coverage at 760 18 Vätö. Available there: fiber.");
        await Expect(page.GetByTestId("coverage-plans")).ToContainTextAsync("Bredband Fiber 250");
        await Expect(page.GetByTestId("coverage-plans")).Not.ToContainTextAsync("Mobilt bredband 4G");
        await Expect(page.GetByTestId("coverage-plans")).Not.ToContainTextAsync("SE-FIBER-250");
        await page.ScreenshotAsync("coverage-vato-390");
        await page.AssertNoSidewaysScrollingAsync("the coverage page with an answer");

        await page.Locator("#coverage-postcode").FillAsync("7601");
        await page.GetByTestId("coverage-check").ClickAsync();
        await Expect(page.GetByTestId("coverage-error")).ToHaveTextAsync("'7601' is not a postcode of SE; expected five digits such as 114 55.");
    }

    [Fact]
    public async Task The_customer_page_links_the_service_address_to_its_coverage()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        await page.FindCustomerAsync("+46705550303");

        await page.GetByTestId("check-coverage").ClickAsync();

        await page.WaitForURLAsync("**/coverage?country=SE&postcode=76130");
        await Expect(page.GetByTestId("coverage-place")).ToHaveTextAsync("SE 761 30 Norrtälje");
        await Expect(page.GetByTestId("coverage-technologies")).ToContainTextAsync("4G");
    }
}
