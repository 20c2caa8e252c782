using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Compensation on the screens: an agent asks for more than their mandate from the case page, the team lead
/// approves it on the team page (on a phone), and the case shows it approved.
/// </summary>
public sealed class CompensationPagesTests(TouchpointApp app)
{
    [Fact]
    public async Task Compensation_above_the_agents_mandate_waits_for_the_lead_who_approves_it_on_the_team_page()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerName = $"Sixten Ersättning {Guid.NewGuid():N}"[..26];
        var customerId = await agent.CreateCustomerAsync(customerName, "SE");
        var caseId = await CreateCaseAsync(agent, customerId);

        await agent.OpenAsync($"/cases/{caseId}");
        await Expect(agent.GetByTestId("compensations-empty")).ToBeVisibleAsync();
        await agent.Locator("#compensation-amount").FillAsync("1000");
        await agent.Locator("#compensation-reason").FillAsync("Four evenings without broadband");
        await agent.GetByTestId("compensation-submit").ClickAsync();
        await Expect(agent.GetByTestId("compensation-result")).ToContainTextAsync("1,000 SEK: waiting for approval — answer promised by");
        var item = agent.GetByTestId("case-compensation-item");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item.GetByTestId("compensation-amount")).ToHaveTextAsync("1,000 SEK");
        await Expect(item.GetByTestId("compensation-status")).ToHaveTextAsync("waiting for approval");

        // The lead decides on a phone: the approvals fit the screen too.
        var lead = await app.NewPageAsync(width: 390, height: 844);
        await lead.SignInAsync("lead", TouchpointApp.DemoPassword);
        await lead.OpenAsync("/team");
        var request = lead.GetByTestId("approval-item").Filter(new() { HasText = customerName });
        await Expect(request.GetByTestId("approval-amount")).ToHaveTextAsync("1,000 SEK");
        await Expect(request.GetByTestId("approval-reason")).ToHaveTextAsync("Four evenings without broadband");
        await Expect(request).ToContainTextAsync("asked by Anna Agent");
        await Expect(request.GetByTestId("approval-due")).ToContainTextAsync("answer due");
        await Expect(request.GetByTestId("approval-customer")).ToHaveAttributeAsync("href", $"/customers/{customerId}");
        await lead.ScreenshotAsync("team-approvals-390");
        await lead.AssertNoSidewaysScrollingAsync("the team page with an approval");

        // The command's own words when a refusal has no note.
        await request.GetByTestId("approval-refuse").ClickAsync();
        await Expect(request.GetByTestId("approval-error")).ToHaveTextAsync("A refusal needs a note: the customer is told why.");

        await request.GetByTestId("approval-approve").ClickAsync();
        await Expect(lead.GetByTestId("approval-item").Filter(new() { HasText = customerName })).ToHaveCountAsync(0);

        await agent.ReloadAsync();
        await Expect(agent.GetByTestId("case-compensation-item").GetByTestId("compensation-status")).ToHaveTextAsync("approved");
        await Expect(agent.GetByTestId("case-compensation-item")).ToContainTextAsync("approved by Lars Lead");

        // An agent decides nothing here: the team page is the lead's.
        await agent.OpenAsync("/team");
        await Expect(agent.GetByTestId("access-denied")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Compensation_within_the_agents_mandate_is_granted_at_once()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerId = await agent.CreateCustomerAsync("Greta Granted", "SE");
        var caseId = await CreateCaseAsync(agent, customerId);

        await agent.OpenAsync($"/cases/{caseId}");
        await agent.Locator("#compensation-amount").FillAsync("300");
        await agent.Locator("#compensation-reason").FillAsync("Missed technician appointment");
        await agent.GetByTestId("compensation-submit").ClickAsync();
        await Expect(agent.GetByTestId("compensation-result")).ToHaveTextAsync("300 SEK: granted, within your mandate.");
        await Expect(agent.GetByTestId("case-compensation-item").GetByTestId("compensation-status")).ToHaveTextAsync("granted");

        // Errors from the command are shown as they are.
        await agent.Locator("#compensation-amount").FillAsync("100");
        await agent.GetByTestId("compensation-submit").ClickAsync();
        await Expect(agent.GetByTestId("compensation-error")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_token_below_the_policys_proposal_needs_a_reason_and_the_lead_sees_the_policy_amount_and_the_reason()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerName = $"Tage Token {Guid.NewGuid():N}"[..22];
        var customerId = await agent.CreateCustomerAsync(customerName, "SE");
        var caseId = await CreateCaseAsync(agent, customerId);

        await agent.OpenAsync($"/cases/{caseId}");
        await agent.Locator("#compensation-days").FillAsync("37");
        await agent.Locator("#compensation-monthly-price").FillAsync("899");
        await agent.Locator("#compensation-amount").FillAsync("350");
        await agent.Locator("#compensation-reason").FillAsync("Evenings without broadband");
        await agent.GetByTestId("compensation-submit").ClickAsync();

        // Less than the policy's amount without a reason: refused, and the policy's amount is shown with the field for why.
        await Expect(agent.GetByTestId("compensation-error")).ToContainTextAsync("The policy proposes 1,110.00 SEK for what went wrong");
        await Expect(agent.GetByTestId("compensation-proposal-result")).ToContainTextAsync("The policy proposes 1,110 SEK: 37 days without service × 30.00 SEK a day: 1,110 SEK.");
        await agent.Locator("#compensation-below-reason").FillAsync("Daytime use was unaffected");
        await agent.GetByTestId("compensation-submit").ClickAsync();
        await Expect(agent.GetByTestId("compensation-result")).ToContainTextAsync("350 SEK: waiting for approval");
        await Expect(agent.GetByTestId("compensation-proposal")).ToHaveTextAsync("Policy: 1,110 SEK — less, because: Daytime use was unaffected");
        await agent.ScreenshotAsync("case-compensation-below-proposal");

        // Asked first, the policy's amount is where the agent starts.
        await agent.Locator("#compensation-porting-days").FillAsync("3");
        await agent.GetByTestId("compensation-propose").ClickAsync();
        await Expect(agent.GetByTestId("compensation-proposal-result")).ToContainTextAsync("The policy proposes 150 SEK");
        await Expect(agent.Locator("#compensation-amount")).ToHaveValueAsync("150");

        var lead = await app.NewPageAsync();
        await lead.SignInAsync("lead", TouchpointApp.DemoPassword);
        await lead.OpenAsync("/team");
        var request = lead.GetByTestId("approval-item").Filter(new() { HasText = customerName });
        await Expect(request.GetByTestId("approval-amount")).ToHaveTextAsync("350 SEK");
        await Expect(request.GetByTestId("approval-below-proposal")).ToContainTextAsync("Below the policy's 1,110 SEK for what went wrong, because: Daytime use was unaffected");
    }

    private static async Task<Guid> CreateCaseAsync(IPage page, Guid customerId)
    {
        var response = await page.Context.APIRequest.PostAsync("/api/cases", new()
        {
            DataObject = new { customerId, type = "complaint", channel = "phone", need = "Broadband that stays up in the evening." },
        });
        Assert.Equal(201, response.Status);
        using var body = JsonDocument.Parse(await response.TextAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }
}
