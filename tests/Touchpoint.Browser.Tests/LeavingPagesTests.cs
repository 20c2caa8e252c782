using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// S4-1: a customer cancels on the public "Cancel or withdraw" page in two steps without signing in (CRD-11a,
/// DE-312k), on a phone-sized screen; the agent then sees the cancellation on the customer's 360 page. CRD-9: a
/// phone-sold upgrade is withdrawn alone on the same page. EU-105-5: an agent records a finding on the 360 page and
/// ends the line without cost.
/// </summary>
public sealed partial class LeavingPagesTests(TouchpointApp app)
{
    [Fact]
    public async Task A_customer_cancels_on_the_public_page_in_two_steps_without_signing_in_and_the_agent_sees_it()
    {
        // A customer and subscription of the test's own, so other tests' demo customers stay as they are.
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var suffix = Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        var msisdn = $"+4670{suffix}";
        var email = $"leaver-{suffix}@example.se";
        var name = $"Karin Leaver{suffix}";
        var customerId = await CreateCustomerAsync(agent, name, msisdn, email);
        await PostAsync(agent, "/api/subscriptions", new { customerId, planCode = "SE-MOBIL-430", msisdn, startDate = app.UtcNow.AddYears(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });

        // Not signed in, on a phone: the footer of the sign-in page leads to the page.
        var visitor = await app.NewPageAsync(390, 844);
        await visitor.GotoAsync("/signin");
        await visitor.GetByTestId("footer-leave").ClickAsync();
        await visitor.WaitForURLAsync(LeavePageUrl());
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Cancel or withdraw");

        // Step 1: who, which subscription, which contact; a code goes to the contact on file.
        await visitor.GetByTestId("leave-start").AssertInputsUsableAsync("The details step");
        await visitor.Locator("#leave-name").FillAsync(name);
        await visitor.Locator("#leave-subscription").FillAsync($"070-{suffix}");
        await visitor.Locator("#leave-contact").FillAsync(email);
        await visitor.GetByTestId("leave-send-code").ClickAsync();
        await Expect(visitor.GetByTestId("leave-code-sent")).ToContainTextAsync("we have sent a code");
        await visitor.AssertNoSidewaysScrollingAsync("The code step");
        await visitor.ScreenshotAsync("leave-code-390");

        await visitor.GetByTestId("leave-code").AssertInputsUsableAsync("The code step");
        await visitor.Locator("#leave-code-input").FillAsync(await CodeFromOutboxAsync(agent, email));
        await visitor.GetByTestId("leave-verify").ClickAsync();

        // The decision: date, rule and explanation, in the language Karin chose (English); then the second step, one button.
        var effectiveDay = DateOnly.FromDateTime(app.UtcNow).AddMonths(1);
        var effective = effectiveDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var effectiveWritten = effectiveDay.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-SE"));
        await Expect(visitor.GetByTestId("leave-decision")).ToContainTextAsync($"the subscription ends on {effectiveWritten}");
        await Expect(visitor.GetByTestId("leave-rules")).ToHaveTextAsync("Law: lagen om elektronisk kommunikation (EU-105-2, SE-1)");
        await visitor.AssertNoSidewaysScrollingAsync("The decision step");
        await visitor.ScreenshotAsync("leave-decision-390");
        await visitor.GetByTestId("leave-confirm-button").ClickAsync();

        await Expect(visitor.GetByTestId("leave-confirmation")).ToContainTextAsync("Cancellation confirmed");
        await Expect(visitor.GetByTestId("leave-done-date")).ToHaveTextAsync(effectiveWritten);
        await Expect(visitor.GetByTestId("leave-confirmed-at")).ToHaveTextAsync(ConfirmedAt());
        var reference = (await visitor.GetByTestId("leave-reference").TextContentAsync())!;
        await visitor.AssertNoSidewaysScrollingAsync("The confirmation");
        await visitor.ScreenshotAsync("leave-confirmation-390");

        // The agent's 360 page shows it: the subscription pending termination and the web cancellation on the timeline.
        await agent.OpenAsync($"/customers/{customerId}");
        await Expect(agent.GetByTestId("pending-termination-reference")).ToHaveTextAsync(reference);
        await Expect(agent.GetByTestId("pending-termination-date")).ToHaveTextAsync(effective);
        await Expect(agent.GetByTestId("subscription-status")).ToHaveTextAsync("Ending");
        await Expect(agent.GetByTestId("timeline").GetByText($"ends {effective}").First).ToBeVisibleAsync();
        await agent.ScreenshotAsync("leave-360-1280");
    }

    [Fact]
    public async Task A_customer_withdraws_a_phone_sold_upgrade_on_the_public_page_and_keeps_the_line()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var suffix = Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        var msisdn = $"+4670{suffix}";
        var email = $"upgrader-{suffix}@example.se";
        var name = $"Ulf Upgrader{suffix}";
        var customerId = await CreateCustomerAsync(agent, name, msisdn, email);
        var line = await PostAsync(agent, "/api/subscriptions", new { customerId, planCode = "SE-MOBIL-430", msisdn, startDate = app.UtcNow.AddYears(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var lineId = line.RootElement.GetProperty("id").GetString();
        await PostAsync(agent, "/api/orders", new
        {
            customerId,
            soldVia = "phone",
            items = new object[] { new { id = "upgrade", action = "modify", subscriptionId = lineId, planCode = "SE-MOBIL-600" } },
        });

        var visitor = await app.NewPageAsync(390, 844);
        await visitor.GotoAsync("/leave");
        await visitor.Locator("#leave-name").FillAsync(name);
        await visitor.Locator("#leave-subscription").FillAsync($"070-{suffix}");
        await visitor.Locator("#leave-contact").FillAsync(email);
        await visitor.GetByTestId("leave-send-code").ClickAsync();
        await Expect(visitor.GetByTestId("leave-code-sent")).ToBeVisibleAsync();
        await visitor.Locator("#leave-code-input").FillAsync(await CodeFromOutboxAsync(agent, email));
        await visitor.GetByTestId("leave-verify").ClickAsync();

        // The upgrade can be withdrawn on its own, beside cancelling the subscription itself.
        var change = visitor.GetByTestId("leave-change");
        await Expect(change).ToContainTextAsync("a change to Mobil Fast 600 at ");
        await Expect(change).ToContainTextAsync("from today it is back to Mobil 430 at 430,00 kr a month, no binding");
        await Expect(change.GetByTestId("leave-change-rules")).ToHaveTextAsync("Law: distansavtalslagen (CRD-9)");
        await Expect(visitor.GetByTestId("leave-rules")).ToContainTextAsync("EU-105-2");
        await visitor.AssertNoSidewaysScrollingAsync("The decision with a change");
        await visitor.ScreenshotAsync("leave-change-390");
        await change.GetByTestId("leave-confirm-change").ClickAsync();

        await Expect(visitor.GetByTestId("leave-confirmation")).ToContainTextAsync("Withdrawal from the change confirmed");
        await Expect(visitor.GetByTestId("leave-done-date")).ToHaveTextAsync(DateOnly.FromDateTime(app.UtcNow).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-SE")));

        // The line runs on, on its old plan.
        await agent.OpenAsync($"/customers/{customerId}");
        var subscription = agent.GetByTestId("subscription");
        await Expect(subscription.GetByText("Mobil 430", new() { Exact = false }).First).ToBeVisibleAsync();
        await Expect(subscription.GetByTestId("subscription-status")).ToHaveTextAsync("Active");
        await Expect(agent.GetByTestId("timeline").GetByText("Change withdrawn (cooling-off): plan change to Mobil Fast 600; back to Mobil 430").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_agent_records_speeds_far_below_the_contract_and_ends_the_line_without_cost_from_the_360_page()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var suffix = Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        var msisdn = $"+4670{suffix}";
        var customerId = await CreateCustomerAsync(agent, $"Sofia Slowline{suffix}", msisdn, $"slow-{suffix}@example.se");
        await PostAsync(agent, "/api/subscriptions", new { customerId, planCode = "SE-MBB-4G", msisdn, bindingMonths = 24 });

        await agent.OpenAsync($"/customers/{customerId}");
        await agent.GetByTestId("leave-open").ClickAsync();
        await Expect(agent.GetByTestId("leave-end-without-cost-closed")).ToContainTextAsync("EU-105-5");

        await agent.ChooseAsync("finding-kind", "Speed below the contract (measurements)");
        await agent.Locator("input[id^='finding-contracted-']").FillAsync("100");
        var today = DateOnly.FromDateTime(app.UtcNow);
        string Day(int daysAgo) => today.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await agent.Locator("textarea[id^='finding-measurements-']").FillAsync($"{Day(9)} 8\n{Day(5)} 11.5\n{Day(1)} 9");
        await agent.GetByTestId("finding-record").ClickAsync();

        var remedy = agent.GetByTestId("leave-end-without-cost");
        await Expect(remedy).ToContainTextAsync("a significant, recurring discrepancy");
        await Expect(remedy).ToContainTextAsync("nothing of the binding");
        await agent.ScreenshotAsync("leave-end-without-cost-1280");
        await remedy.GetByTestId("leave-confirm-end-without-cost").ClickAsync();

        await Expect(agent.GetByTestId("subscription-status")).ToHaveTextAsync("Ended");
        await Expect(agent.GetByTestId("timeline").GetByText($"Mobilt bredband 4G ended without cost (EU-105-5): {today:yyyy-MM-dd}").First).ToBeVisibleAsync();
    }

    /// <summary>A Swedish customer who reads English, so these flows read as the tests expect; LanguagePagesTests has the others.</summary>
    private static async Task<Guid> CreateCustomerAsync(IPage page, string name, string msisdn, string email)
    {
        var body = await PostAsync(page, "/api/customers", new
        {
            name,
            jurisdiction = "SE",
            preferences = new { preferredLanguage = "en" },
            identities = new[] { new { kind = "msisdn", value = msisdn }, new { kind = "email", value = email } },
        });
        return body.RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<JsonDocument> PostAsync(IPage page, string path, object data)
    {
        var response = await page.Context.APIRequest.PostAsync(path, new() { DataObject = data });
        if (response.Status != 201)
        {
            throw new InvalidOperationException($"POST {path} failed: {response.Status} {await response.TextAsync()}");
        }

        return JsonDocument.Parse(await response.TextAsync());
    }

    /// <summary>The demo has no e-mail gateway: the outbox (TMF681, as staff) stands in for the customer's inbox.</summary>
    private static async Task<string> CodeFromOutboxAsync(IPage staff, string email)
    {
        var response = await staff.Context.APIRequest.GetAsync($"/tmf-api/communicationManagement/v4/communicationMessage?receiver.email={Uri.EscapeDataString(email)}");
        using var messages = JsonDocument.Parse(await response.TextAsync());
        var content = messages.RootElement.EnumerateArray().First().GetProperty("content").GetString()!;
        return SixDigits().Match(content).Value;
    }

    [GeneratedRegex(@"/leave$")]
    private static partial Regex LeavePageUrl();

    // On the customer's own clock, named: "7 December 2026 at 10:20 (Stockholm time)".
    [GeneratedRegex(@"^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2} \(Stockholm time\)$")]
    private static partial Regex ConfirmedAt();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
