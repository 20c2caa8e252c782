using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>The inbox counts what it lists: unread rows, the unread chip and "Mark all read" agree.</summary>
public sealed class InboxPagesTests(TouchpointApp app)
{
    [Fact]
    public async Task The_unread_chip_counts_the_unread_rows_and_mark_all_read_clears_them()
    {
        // A user of the test's own, so notifications other tests send to the demo users do not change the count.
        var ines = await app.CreateStaffAsync("Ines Inbox");
        var userId = ines.Id;

        // Two cases handed to her: two handoff requests in her inbox.
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerId = await agent.CreateCustomerAsync("Ivar Inbox");
        for (var handoff = 0; handoff < 2; handoff++)
        {
            var @case = await agent.Context.APIRequest.PostAsync("/api/cases", new()
            {
                DataObject = new { customerId, type = "request", channel = "phone", need = $"Question {handoff + 1} about the invoice." },
            });
            Assert.Equal(201, @case.Status);
            using var body = JsonDocument.Parse(await @case.TextAsync());
            var handed = await agent.Context.APIRequest.PostAsync($"/api/cases/{body.RootElement.GetProperty("id").GetGuid()}/handoff", new()
            {
                DataObject = new { toUserId = userId, reason = "She knows invoices." },
            });
            Assert.True(handed.Ok, $"Handoff failed: {handed.Status} {await handed.TextAsync()}");
        }

        var page = await app.NewPageAsync();
        await page.SignInAsync(ines.UserName, ines.Password);
        await page.OpenAsync("/inbox");

        await Expect(page.GetByTestId("inbox-table").Locator("tr.tp-unread")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("inbox-unread")).ToHaveTextAsync("2 unread");
        await Expect(page.GetByTestId("inbox-read-all")).ToBeEnabledAsync();
        await page.ScreenshotAsync("inbox-unread-1280");

        await page.GetByTestId("inbox-read-all").ClickAsync();

        await Expect(page.GetByTestId("inbox-unread")).ToHaveTextAsync("0 unread");
        await Expect(page.GetByTestId("inbox-table").Locator("tr.tp-unread")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("inbox-read-all")).ToBeDisabledAsync();
    }
}
