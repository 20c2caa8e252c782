using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Touchpoint.Domain.Platform;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// Issue 21's live board as a lead watches it: the telephony platform reports a caller entering the queue, then a
/// second caller who takes a callback, and the lead's open /contact-centre page shows each without a reload.
/// </summary>
public sealed class ContactCentrePagesTests(TouchpointApp app)
{
    /// <summary>From the switch's event to the open page showing it (as the other live pages: ≤ 2 s).</summary>
    private const float ShownWithinMs = 2000;

    [Fact]
    public async Task The_leads_live_board_shows_a_new_caller_and_a_callback_without_a_reload()
    {
        var leadStaff = await app.CreateStaffAsync("Lena Board", Roles.TeamLead);
        var agentStaff = await app.CreateStaffAsync("Agnes Board");
        var switchStaff = await app.CreateStaffAsync("The switch", Roles.Telephony);
        var lead = await app.NewPageAsync();
        await lead.SignInAsync(leadStaff.UserName, leadStaff.Password);
        var queue = $"board-{Guid.NewGuid():N}"[..16];
        var created = await lead.Context.APIRequest.PostAsync("/api/queues", new()
        {
            DataObject = new { id = queue, name = $"Phones {queue}", leadUserId = leadStaff.Id, memberIds = new[] { agentStaff.Id } },
        });
        Assert.Equal(201, created.Status);

        // The lead's own queue is the one shown; nothing has happened in it today.
        await lead.OpenAsync("/contact-centre");
        var board = lead.GetByTestId("queue-board");
        await Expect(board).ToHaveAttributeAsync("data-queue", queue);
        await Expect(lead.GetByTestId("board-waiting")).ToHaveTextAsync("0");
        await Expect(lead.GetByTestId("board-today-empty")).ToHaveTextAsync("No calls today.");
        await Expect(lead.GetByTestId("board-agent").Filter(new() { HasText = "Agnes Board" })).ToHaveAttributeAsync("data-state", "notReported");
        // A reload or a navigation would lose this mark.
        await lead.EvaluateAsync("() => window.boardNotReloaded = true");
        var address = lead.Url;

        var telephony = await Switch.SignInAsync(app, switchStaff);
        await telephony.PostAsync($"/api/telephony/queues/{queue}/calls", new { callId = $"first-{queue}", callerNumber = "+46701230001" }, 201);

        await Task.WhenAll(
            Expect(lead.GetByTestId("board-waiting")).ToHaveTextAsync("1", new() { Timeout = ShownWithinMs }),
            Expect(lead.GetByTestId("hour-entered")).ToHaveTextAsync("1", new() { Timeout = ShownWithinMs }));
        await Expect(lead.GetByTestId("board-today-empty")).ToHaveCountAsync(0);
        await Expect(lead.GetByTestId("board-callbacks-pending")).ToHaveTextAsync("0");

        // A second caller comes, hears the wait and takes a callback: it leaves the line and waits in it as a callback.
        await telephony.PostAsync($"/api/telephony/queues/{queue}/calls", new { callId = $"second-{queue}", callerNumber = "+46701230002" }, 201);
        await Expect(lead.GetByTestId("board-waiting")).ToHaveTextAsync("2", new() { Timeout = ShownWithinMs });
        await telephony.PostAsync($"/api/telephony/calls/second-{queue}/callback", new { }, 200);

        await Task.WhenAll(
            Expect(lead.GetByTestId("board-callbacks-pending")).ToHaveTextAsync("1", new() { Timeout = ShownWithinMs }),
            Expect(lead.GetByTestId("board-callbacks-due")).ToHaveTextAsync("1", new() { Timeout = ShownWithinMs }),
            Expect(lead.GetByTestId("board-waiting")).ToHaveTextAsync("1", new() { Timeout = ShownWithinMs }),
            // The hour the callback was taken in: the last row, should the hour have turned since the first caller.
            Expect(lead.GetByTestId("hour-callbacks").Last).ToHaveTextAsync("1", new() { Timeout = ShownWithinMs }));
        await lead.ScreenshotAsync("contact-centre-live-1280");

        // The board with its charts and table, not only its empty state (AccessibilityTests' tour), reads well to axe.
        var axe = await lead.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help}"));

        Assert.True(await lead.EvaluateAsync<bool>("() => window.boardNotReloaded === true"), "The page was reloaded.");
        Assert.Equal(address, lead.Url);

        // On a phone the board, its charts and its table of hours fit the screen's width.
        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync(leadStaff.UserName, leadStaff.Password);
        await phone.OpenAsync("/contact-centre");
        await Expect(phone.GetByTestId("board-callbacks-pending")).ToHaveTextAsync("1");
        await phone.AssertNoSidewaysScrollingAsync("the contact centre board");
        await phone.ScreenshotAsync("contact-centre-390");
    }

    [Fact]
    public async Task When_a_callbacks_turn_comes_the_free_agents_screen_opens_the_customers_page_with_why_they_called()
    {
        var leadStaff = await app.CreateStaffAsync("Pia Pop", Roles.TeamLead);
        var agentStaff = await app.CreateStaffAsync("Alva Pop");
        var switchStaff = await app.CreateStaffAsync("The switch", Roles.Telephony);
        var agent = await app.NewPageAsync();
        await agent.SignInAsync(agentStaff.UserName, agentStaff.Password);
        var number = $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}";
        var customer = await agent.Context.APIRequest.PostAsync("/api/customers", new()
        {
            DataObject = new { name = "Magda Popp", jurisdiction = "SE", identities = new[] { new { kind = "msisdn", value = number } } },
        });
        Assert.True(customer.Status == 201, await customer.TextAsync());
        using var created = JsonDocument.Parse(await customer.TextAsync());
        var customerId = created.RootElement.GetProperty("id").GetString();
        var queue = $"pop-{Guid.NewGuid():N}"[..16];
        var made = await leadStaff.Admin.Context.APIRequest.PostAsync("/api/queues", new()
        {
            DataObject = new { id = queue, name = $"Phones {queue}", leadUserId = leadStaff.Id, memberIds = new[] { agentStaff.Id } },
        });
        Assert.True(made.Status == 201, await made.TextAsync());

        // The agent is on another call when Magda calls and takes a callback.
        var telephony = await Switch.SignInAsync(app, switchStaff);
        await telephony.PutAsync($"/api/telephony/agents/{agentStaff.Id}/state", new { state = "busy" }, 200);
        await telephony.PostAsync($"/api/telephony/queues/{queue}/calls", new { callId = $"magda-{queue}", callerNumber = number, reason = "Router keeps restarting" }, 201);
        await telephony.PostAsync($"/api/telephony/calls/magda-{queue}/callback", new { }, 200);
        await agent.OpenAsync("/work");

        // Free again: the callback is first in line, so it is theirs, and their screen opens her page.
        var free = await telephony.PutAsync($"/api/telephony/agents/{agentStaff.Id}/state", new { state = "available" }, 200);
        Assert.Contains($"magda-{queue}", free, StringComparison.Ordinal);
        await Expect(agent.GetByTestId("inbox-badge")).ToHaveAttributeAsync("data-unread", "1", new() { Timeout = ShownWithinMs * 2 });
        await Expect(agent).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/customers/{customerId}$"), new() { Timeout = ShownWithinMs * 2 });
        await Expect(agent.GetByText("Magda Popp").First).ToBeVisibleAsync();
        await Expect(agent.Locator(".mud-snackbar").Filter(new() { HasText = "Call back Magda Popp now" })).ToBeVisibleAsync();
    }

    /// <summary>The telephony platform's machine account calling the queue API with a bearer token, as a switch does.</summary>
    private sealed class Switch(IAPIRequestContext api, string token)
    {
        public static async Task<Switch> SignInAsync(TouchpointApp app, TestStaff account)
        {
            var page = await app.NewPageAsync();
            var response = await page.Context.APIRequest.PostAsync("/api/auth/token", new() { DataObject = new { userName = account.UserName, password = account.Password } });
            Assert.Equal(200, response.Status);
            using var body = JsonDocument.Parse(await response.TextAsync());
            return new Switch(page.Context.APIRequest, body.RootElement.GetProperty("accessToken").GetString()!);
        }

        public Task<string> PostAsync(string path, object body, int expectedStatus) => SendAsync(HttpMethod.Post, path, body, expectedStatus);

        public Task<string> PutAsync(string path, object body, int expectedStatus) => SendAsync(HttpMethod.Put, path, body, expectedStatus);

        /// <returns>The answer's body.</returns>
        private async Task<string> SendAsync(HttpMethod method, string path, object body, int expectedStatus)
        {
            var withId = new Dictionary<string, object?> { ["eventId"] = Guid.NewGuid().ToString("N") };
            foreach (var property in JsonSerializer.SerializeToElement(body, JsonSerializerOptions.Web).EnumerateObject())
            {
                withId[property.Name] = property.Value;
            }

            var response = await api.FetchAsync(path, new()
            {
                Method = method.Method,
                DataObject = withId,
                Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            });
            var answer = await response.TextAsync();
            Assert.True(response.Status == expectedStatus, $"{path}: {response.Status} {answer}");
            return answer;
        }
    }
}
