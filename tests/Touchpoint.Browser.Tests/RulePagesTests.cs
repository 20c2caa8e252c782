using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>Issue 19: rule ids stay on the pages, each a link to the one line that says what the rule is.</summary>
public sealed class RulePagesTests(TouchpointApp app)
{
    [Fact]
    public async Task A_rule_id_on_the_360_page_links_to_its_one_line()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        await page.FindCustomerAsync("070-600 43 00");

        var rule = page.GetByTestId("subscription").First.GetByTestId("rule-link").First;
        var ruleId = await rule.InnerTextAsync();
        var oneLine = await rule.GetAttributeAsync("title");
        Assert.False(string.IsNullOrWhiteSpace(oneLine), $"The link of {ruleId} has no explanation.");

        await rule.ClickAsync();
        await page.WaitForURLAsync($"**/rules#rule-{ruleId}");
        var line = page.GetByTestId("rules").Locator($"dt#rule-{ruleId} + dd");
        await Expect(line).ToHaveTextAsync(oneLine!);
    }
}
