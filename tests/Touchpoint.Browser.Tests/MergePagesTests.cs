using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>Issue 26 on the pages: a team lead sees the merge an agent asked for, with its evidence, and approves it.</summary>
public sealed class MergePagesTests(TouchpointApp app)
{
    [Fact]
    public async Task A_lead_approves_on_the_merge_requests_page_what_an_agent_asked_for()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var kept = await agent.CreateCustomerAsync("Greta Kvar");
        var merged = await agent.CreateCustomerAsync("Greta Gammal");
        var asked = await agent.Context.APIRequest.PostAsync($"/api/customers/{kept}/merge",
            new() { DataObject = new { mergedCustomerId = merged, reason = "Greta married; the old record is hers." } });
        Assert.Equal(202, asked.Status);

        var lead = await app.NewPageAsync();
        await lead.SignInAsync("lead", TouchpointApp.DemoPassword);
        await lead.OpenAsync("/merges");
        var request = lead.GetByTestId("merge-request").Filter(new() { Has = lead.GetByRole(AriaRole.Link, new() { Name = "Greta Gammal" }) });
        await Expect(request.GetByTestId("merge-evidence")).ToContainTextAsync("no shared identity, and different names");
        await Expect(request.GetByTestId("merge-reason")).ToContainTextAsync("Greta married");
        await lead.ScreenshotAsync("merge-requests-1280");

        await request.GetByLabel("Your reason").FillAsync("Saw the marriage certificate.");
        await request.GetByTestId("merge-approve").ClickAsync();
        await Expect(request).ToHaveCountAsync(0);

        await lead.OpenAsync($"/customers/{merged}");
        await Expect(lead.GetByTestId("customer-status")).ToHaveTextAsync("Merged");
    }
}
