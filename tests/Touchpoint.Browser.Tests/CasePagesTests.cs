using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// An agent's day with cases and promises: opening a case from the 360 page, promising a callback, and finding
/// both again in "my work"; and the team lead's page.
/// </summary>
public sealed partial class CasePagesTests(TouchpointApp app)
{
    private const string S1Name = "Henrik Mølgaard";
    private const string Need = "The line drops every evening; he wants a connection that stays up.";
    private const string Question = "Will I get money back for the evenings without internet?";
    private const string Promised = "Customer service calls back about the dropped line within 20 minutes";

    [Fact]
    public async Task Agent_opens_a_case_from_the_360_page_and_promises_a_callback_that_shows_in_my_work()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        await page.FindCustomerAsync("+4520550101");
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(S1Name);

        // A new case: the need in the customer's words and the one question they asked.
        await page.GetByTestId("new-case").ClickAsync();
        await page.Locator("#case-need").FillAsync(Need);
        await page.Locator("#case-question-0").FillAsync(Question);
        await page.ScreenshotAsync("new-case-dialog-1280");
        await page.GetByTestId("new-case-submit").ClickAsync();

        // The case page: owned by whoever received it (S2-3), with every deadline, not just the nearest.
        await page.ArriveAtAsync(CasePageUrl(), "Opening the case");
        await Expect(page.GetByTestId("case-reference")).ToHaveTextAsync(CaseReference());
        var reference = (await page.GetByTestId("case-reference").TextContentAsync())!.Replace("Case ", "", StringComparison.Ordinal);
        await Expect(page.GetByTestId("case-owner-name")).ToContainTextAsync("Anna Agent");
        await Expect(page.GetByTestId("case-customer-number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\(No\. \d{8}\)"));
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Acknowledged");
        await Expect(page.GetByTestId("need-statement")).ToHaveTextAsync(Need);
        await Expect(page.GetByTestId("question-text")).ToHaveTextAsync([Question]);
        var deadlines = page.GetByTestId("deadline");
        await Expect(deadlines).ToHaveCountAsync(3);
        foreach (var target in new[] { "firstResponse", "nextUpdate", "resolution" })
        {
            await Expect(page.Locator($"[data-testid=deadline][data-target={target}]").GetByTestId("deadline-left")).ToContainTextAsync("left");
        }

        await Expect(page.GetByTestId("case-timeline").GetByTestId("entry-title").First).ToContainTextAsync($"Case {reference}: opened");
        await page.ScreenshotAsync("case-page-1280");

        // The resolution guard speaks through the page as the command words it (S1-4).
        await page.GetByTestId("status-resolved").ClickAsync();
        await Expect(page.GetByTestId("status-error")).ToContainTextAsync("This case cannot be resolved yet");
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Acknowledged");

        // Back on the 360 page the case is among the open items, and a callback is promised in 20 minutes.
        await page.GetByTestId("case-customer").ClickAsync();
        await page.WaitForURLAsync(CustomerPagesTests.Customer360Url());
        await Expect(page.GetByTestId("open-case-link").GetByText(reference, new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByTestId("promise-callback").ClickAsync();
        await Expect(page.Locator("#promise-minutes")).ToHaveValueAsync("20");
        await page.Locator("#promise-description").FillAsync(Promised);
        await page.ScreenshotAsync("promise-callback-dialog-1280");
        await page.GetByTestId("promise-submit").ClickAsync();

        var promiseEntry = page.Locator("[data-testid=timeline-entry][data-kind=promise]").First;
        await Expect(promiseEntry.GetByTestId("entry-title")).ToHaveTextAsync($"Anna Agent promised by phone: {Promised}");
        await Expect(promiseEntry.GetByTestId("entry-detail")).ToContainTextAsync("Anna Agent must keep it");
        // Due 20 minutes after it was made, however long the test took to read it: shown to the minute, and the dialog
        // reads the clock a moment before the command stamps the promise as made.
        var madeAt = DateTime.Parse((await promiseEntry.Locator("time").GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        // The agent reads it on their own clock, the timeline's stored text too: the home country's, Stockholm, as they chose none.
        var stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        var due = DueTime().Match(await promiseEntry.GetByTestId("entry-detail").InnerTextAsync()).Groups["due"].Value;
        var dueAt = TimeZoneInfo.ConvertTimeToUtc(DateTime.ParseExact(due, "d MMM yyyy HH:mm", CultureInfo.InvariantCulture), stockholm);
        Assert.InRange(dueAt, madeAt.AddMinutes(19).AddSeconds(-1), madeAt.AddMinutes(20));
        var dueLocally = Touchpoint.Domain.Platform.WallClock.Format(dueAt, stockholm);
        await Expect(page.GetByTestId("open-promise").Filter(new() { HasText = Promised })).ToContainTextAsync(new Regex($"due {Regex.Escape(dueLocally)} · {MinutesLeft}"));

        // My work: the promise (due in 20 minutes) breaks before the case, so it comes first.
        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "My work" }).ClickAsync();
        await page.WaitForURLAsync("**/work");
        var promise = page.Locator("[data-testid=work-item][data-kind=promise]").Filter(new() { HasText = Promised });
        await Expect(promise.GetByTestId("work-time-left")).ToHaveTextAsync(new Regex($@"^\s*{MinutesLeft}\s*$"));
        await Expect(promise.GetByTestId("work-customer")).ToHaveTextAsync(S1Name);
        var @case = page.Locator("[data-testid=work-item][data-kind=case]").Filter(new() { HasText = reference });
        await Expect(@case.GetByTestId("work-summary")).ToHaveTextAsync(Need);
        var order = await page.GetByTestId("work-title").AllTextContentsAsync();
        Assert.True(order.ToList().IndexOf("Callback") < order.ToList().IndexOf(reference), $"The callback due in 20 minutes comes before the case: {string.Join(", ", order)}.");
        await page.ScreenshotAsync("my-work-1280");

        await @case.GetByTestId("work-title").ClickAsync();
        await page.ArriveAtAsync(CasePageUrl(), "Following the case from My work");
        await Expect(page.GetByTestId("case-reference")).ToHaveTextAsync($"Case {reference}");
    }

    [Fact]
    public async Task Answering_the_question_and_meeting_the_need_lets_the_case_be_resolved()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerId = await page.CreateCustomerAsync("Rune Resolved", "DK");
        var caseId = await CreateCaseAsync(page, customerId);

        await page.OpenAsync($"/cases/{caseId}");
        await Expect(page.GetByTestId("resolution-blocker")).ToContainTextAsync("cannot be resolved yet");
        await page.Locator($"[data-testid=case-question] input").FillAsync("Yes: the evenings without service are credited on the next bill.");
        await page.GetByTestId("answer-submit").ClickAsync();
        await Expect(page.GetByTestId("question-answer")).ToContainTextAsync("credited on the next bill");
        await page.GetByTestId("need-resolved").ClickAsync();
        await Expect(page.GetByTestId("need-state")).ToHaveTextAsync("Met.");
        await Expect(page.GetByTestId("resolution-blocker")).ToHaveCountAsync(0);

        await page.GetByTestId("status-resolved").ClickAsync();
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Resolved");
        await Expect(page.GetByTestId("status-closed")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=deadline][data-target=resolution]")).ToHaveAttributeAsync("data-state", "met");
    }

    [Fact]
    public async Task A_resolved_case_is_reopened_with_the_customers_words_and_shows_how_often()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerId = await page.CreateCustomerAsync("Rita Reopened", "SE");
        var caseId = await CreateCaseAsync(page, customerId);

        await page.OpenAsync($"/cases/{caseId}");
        await page.Locator("[data-testid=case-question] input").FillAsync("Yes: the evenings are credited.");
        await page.GetByTestId("answer-submit").ClickAsync();
        await Expect(page.GetByTestId("question-answer")).ToContainTextAsync("the evenings are credited");
        await page.GetByTestId("need-resolved").ClickAsync();
        await Expect(page.GetByTestId("need-state")).ToHaveTextAsync("Met.");
        await page.GetByTestId("status-resolved").ClickAsync();
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Resolved");
        await Expect(page.GetByTestId("case-reopened")).ToHaveCountAsync(0);

        // Back to work from resolved is a reopening: it needs what is still not solved.
        var reopen = page.GetByTestId("status-inProgress");
        await Expect(reopen).ToHaveTextAsync("Reopen");
        await reopen.ClickAsync();
        await Expect(page.GetByTestId("status-error")).ToContainTextAsync("reason is required");
        await page.Locator("#status-reason").FillAsync("The evenings still drop");
        await reopen.ClickAsync();

        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("In progress");
        await Expect(page.GetByTestId("case-reopened")).ToHaveTextAsync("Reopened 1×");
        await Expect(page.GetByTestId("effort-reopenings")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("effort-first-contact")).ToContainTextAsync("had to come back 1 time");
        await Expect(page.GetByTestId("case-timeline")).ToContainTextAsync("reopened (resolved → in progress), reopening 1");
    }

    [Fact]
    public async Task A_handoff_waits_in_the_new_owners_work_until_they_accept_it()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerId = await agent.CreateCustomerAsync("Hanna Handoff");
        var caseId = await CreateCaseAsync(agent, customerId);

        await agent.OpenAsync($"/cases/{caseId}");
        await agent.GetByTestId("handoff-start").ClickAsync();
        await agent.ChooseAsync("handoff-to", "Sara Store");
        await agent.Locator("#handoff-reason").FillAsync("She handles line faults in the store's area.");
        await agent.GetByTestId("handoff-submit").ClickAsync();
        await Expect(agent.GetByTestId("pending-handoff")).ToContainTextAsync("asks Sara Store to take over");
        await Expect(agent.GetByTestId("case-owner-name")).ToContainTextAsync("Anna Agent");

        var store = await app.NewPageAsync();
        await store.SignInAsync("store", TouchpointApp.DemoPassword);
        await store.OpenAsync("/work");
        var handoff = store.GetByTestId("handoff-item").Filter(new() { HasText = "Hanna Handoff" });
        await handoff.GetByTestId("handoff-accept").ClickAsync();
        await Expect(store.GetByTestId("handoff-item").Filter(new() { HasText = "Hanna Handoff" })).ToHaveCountAsync(0);
        await Expect(store.GetByTestId("work-item").Filter(new() { HasText = "Hanna Handoff" })).ToHaveCountAsync(1);

        await agent.ReloadAsync();
        await Expect(agent.GetByTestId("case-owner-name")).ToHaveTextAsync("Sara Store");
        await Expect(agent.GetByTestId("effort-handoffs")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Another_agent_on_the_case_page_is_told_whose_case_it_is_instead_of_being_offered_the_owners_steps()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerId = await agent.CreateCustomerAsync("Olle Owned");
        var caseId = await CreateCaseAsync(agent, customerId);

        var store = await app.NewPageAsync();
        await store.SignInAsync("store", TouchpointApp.DemoPassword);
        await store.OpenAsync($"/cases/{caseId}");

        await Expect(store.GetByTestId("case-status-panel").GetByTestId("owner-only")).ToContainTextAsync("is owned by Anna Agent; ask for a handoff.");
        await Expect(store.GetByTestId("case-need").GetByTestId("owner-only")).ToContainTextAsync("is owned by Anna Agent");
        await Expect(store.GetByTestId("status-resolved")).ToHaveCountAsync(0);
        await Expect(store.GetByTestId("need-resolved")).ToHaveCountAsync(0);
        await Expect(store.GetByTestId("answer-submit")).ToHaveCountAsync(0);
        // Anyone serving the customer may still record what they asked.
        await Expect(store.GetByTestId("add-question")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_team_lead_sees_the_team_with_kept_rates_per_person()
    {
        var agent = await app.NewPageAsync();
        await agent.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerId = await agent.CreateCustomerAsync("Tilde Team");
        await MakePromiseAsync(agent, customerId, app.UtcNow.AddMinutes(30), "Callback about the team page within 30 minutes");

        var lead = await app.NewPageAsync();
        await lead.SignInAsync("lead", TouchpointApp.DemoPassword);
        await lead.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await lead.WaitForURLAsync("**/team");
        await Expect(lead.GetByTestId("team-people")).ToContainTextAsync("Anna Agent");
        await Expect(lead.GetByTestId("at-risk-item").Filter(new() { HasText = "Callback about the team page" })).ToContainTextAsync("Tilde Team");
        await Expect(lead.GetByTestId("kept-rate-person").GetByText("Anna Agent", new() { Exact = true })).ToBeVisibleAsync();
        foreach (var section in new[] { "team-broken", "team-breaches", "team-bounced", "team-handoffs" })
        {
            await Expect(lead.GetByTestId(section)).ToBeVisibleAsync();
        }

        await lead.ScreenshotAsync("team-1280");

        // An agent has neither the link nor the page.
        await Expect(agent.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Team" })).ToHaveCountAsync(0);
        await agent.OpenAsync("/team");
        await Expect(agent.GetByTestId("access-denied")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task My_work_the_case_page_and_the_team_page_fit_a_phone_screen_without_sideways_scrolling()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerId = await page.CreateCustomerAsync("Filippa Phone-Screen-With-A-Rather-Long-Double-Barrelled-Name");
        var caseId = await CreateCaseAsync(page, customerId);
        await MakePromiseAsync(page, customerId, app.UtcNow.AddMinutes(45), "Callback on the phone-screen case within 45 minutes");

        await page.OpenAsync("/work");
        await Expect(page.GetByTestId("work-item").Filter(new() { HasText = "phone-screen case" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("my-work-390");
        await page.AssertNoSidewaysScrollingAsync("my work");

        await page.OpenAsync($"/cases/{caseId}");
        await Expect(page.GetByTestId("deadline")).ToHaveCountAsync(3);
        await page.ScreenshotAsync("case-page-390");
        await page.AssertNoSidewaysScrollingAsync("the case page");

        await page.OpenAsync("/cases");
        await Expect(page.GetByTestId("case-row-reference").First).ToBeVisibleAsync();
        await page.AssertNoSidewaysScrollingAsync("the case list");

        var lead = await app.NewPageAsync(width: 390, height: 844);
        await lead.SignInAsync("lead", TouchpointApp.DemoPassword);
        await lead.OpenAsync("/team");
        await Expect(lead.GetByTestId("kept-rates-table")).ToBeVisibleAsync();
        await lead.ScreenshotAsync("team-390");
        await lead.AssertNoSidewaysScrollingAsync("the team page");
    }

    [Fact]
    public async Task The_case_list_filters_to_my_bounced_cases()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var customerId = await page.CreateCustomerAsync("Lisa List");
        var caseId = await CreateCaseAsync(page, customerId);
        var reference = await ReferenceAsync(page, caseId);

        await page.OpenAsync("/cases?mine=true");
        await Expect(page.GetByTestId("case-row-reference").GetByText(reference, new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByTestId("bounced-filter").ClickAsync();
        await Expect(page.GetByTestId("case-row-reference").GetByText(reference, new() { Exact = true })).ToHaveCountAsync(0);
        await page.GetByTestId("bounced-filter").ClickAsync();
        await page.GetByTestId("status-filter").GetByText("Resolved", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("case-row-reference").GetByText(reference, new() { Exact = true })).ToHaveCountAsync(0);
        await page.GetByTestId("status-filter").GetByText("Acknowledged", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("case-row-reference").GetByText(reference, new() { Exact = true })).ToBeVisibleAsync();
    }

    private static async Task<Guid> CreateCaseAsync(IPage page, Guid customerId)
    {
        var response = await page.Context.APIRequest.PostAsync("/api/cases", new()
        {
            DataObject = new { customerId, type = "complaint", channel = "phone", need = Need, questions = new[] { Question } },
        });
        Assert.Equal(201, response.Status);
        using var body = JsonDocument.Parse(await response.TextAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<string> ReferenceAsync(IPage page, Guid caseId)
    {
        var response = await page.Context.APIRequest.GetAsync($"/api/cases/{caseId}");
        Assert.Equal(200, response.Status);
        using var body = JsonDocument.Parse(await response.TextAsync());
        return body.RootElement.GetProperty("reference").GetString()!;
    }

    private static async Task MakePromiseAsync(IPage page, Guid customerId, DateTime dueAt, string description)
    {
        var response = await page.Context.APIRequest.PostAsync("/api/promises", new()
        {
            DataObject = new { customerId, kind = "callback", dueAt, madeVia = "phone", description },
        });
        Assert.Equal(201, response.Status);
    }

    [GeneratedRegex(@"/cases/[0-9a-f-]{36}$")]
    private static partial Regex CasePageUrl();

    [GeneratedRegex(@"^Case C-\d{6}$")]
    private static partial Regex CaseReference();

    /// <summary>
    /// The time left of something due within the hour, as the pages word it. How many minutes depends on how long the
    /// test took to get there; <c>TimeLeftTests</c> checks the count itself.
    /// </summary>
    private const string MinutesLeft = @"\d+ min left";

    [GeneratedRegex(@"due (?<due>\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2})")]
    private static partial Regex DueTime();
}
