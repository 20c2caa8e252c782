using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Touchpoint.Browser.Tests;

/// <summary>
/// The agent's way to a customer: the search box, the search page and the 360 page, against the
/// story customers of the demo data (../shared/STORIES.md).
/// </summary>
public sealed partial class CustomerPagesTests(TouchpointApp app)
{
    private const string S0Name = "Lars Persson";
    private const string S1Name = "Henrik Mølgaard";

    [Theory]
    [InlineData("20550101")]
    [InlineData("+45 20 55 01 01")]
    public async Task Agent_finds_the_S1_customer_by_phone_number_and_sees_nine_contacts_with_their_channels(string typed)
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);

        await page.FindCustomerAsync(typed);

        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(S1Name);
        var contacts = page.Locator("[data-testid=timeline-entry][data-kind=interaction]");
        await Expect(contacts).ToHaveCountAsync(9);
        await Expect(contacts.First).ToContainTextAsync("Termination withdrawn");
        foreach (var channel in new[] { "Phone", "E-mail", "Chat" })
        {
            await Expect(contacts.GetByTestId("entry-channel").GetByText(channel, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        // S1-3: nine contacts, eight people; the timeline shows who each one was.
        var actors = await contacts.GetByTestId("entry-actor").AllTextContentsAsync();
        Assert.Equal(8, actors.Distinct().Count());
        await Expect(page.GetByTestId("identity").GetByText("sonofon:19960042")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("terms-explanation").First).ToContainTextAsync("leave");

        // S1-5: the rules give Henrik one month's notice and no binding; his 20-year-old contract has no withdrawal right left.
        await Expect(page.GetByTestId("notice").First).ToHaveTextAsync("1 month");
        await Expect(page.GetByTestId("binding").First).ToHaveTextAsync("none");
        await Expect(page.GetByTestId("withdrawal").First).ToContainTextAsync("ended");
        await Expect(page.GetByTestId("contract-summary-link").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/subscriptions/[0-9a-f-]+/summary$"));
        if (typed == "20550101")
        {
            await page.ScreenshotAsync("customer-360-1280");
        }
    }

    [Fact]
    public async Task The_S0_timeline_names_the_partner_agency_that_called()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);

        await page.FindCustomerAsync("+46 70 600 43 00");

        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(S0Name);
        var call = page.GetByTestId("timeline-entry").Filter(new() { HasText = "Sales call" });
        await Expect(call.GetByTestId("partner-agency")).ToHaveTextAsync("Vendator (partner agency)");
        await Expect(call.GetByTestId("entry-channel")).ToHaveTextAsync("Phone");
        // Only the agency's call carries the label; the customer's own web complaint does not.
        await Expect(page.GetByTestId("partner-agency")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("pref-telemarketing")).ToContainTextAsync("opted out");
        await Expect(page.GetByTestId("pref-binding")).ToContainTextAsync("never offer");
        await page.ScreenshotAsync("customer-360-s0-1280");
    }

    [Fact]
    public async Task The_search_page_lists_exact_identity_hits_first_and_marks_what_matched()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await page.WaitForURLAsync("**/customers");
        await Expect(page.GetByTestId("search-guidance")).ToContainTextAsync("phone number");

        await page.Locator("#customer-search").FillAsync("H");
        await Expect(page.GetByTestId("search-guidance")).ToHaveTextAsync("Type at least 2 characters.");

        await page.Locator("#customer-search").FillAsync("nobody-like-this");
        await Expect(page.GetByTestId("search-empty")).ToContainTextAsync("No customer matches “nobody-like-this”.");

        // Without Enter the page lists the hit instead of jumping to it.
        await page.Locator("#customer-search").FillAsync("20550101");
        var first = page.Locator("[data-testid=search-results] tbody tr").First;
        await Expect(first.GetByTestId("hit-name")).ToHaveTextAsync(S1Name);
        await Expect(first.GetByTestId("exact-match")).ToContainTextAsync("Exact phone number: +4520550101");
        await Expect(page).ToHaveURLAsync(new Regex(@"/customers\?q=20550101$"));
        await page.ScreenshotAsync("customer-search-1280");

        await first.GetByRole(AriaRole.Link, new() { Name = S1Name }).ClickAsync();
        await page.WaitForURLAsync(Customer360Url());
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(S1Name);

        await page.OpenAsync("/customers?q=M%C3%B8lg");
        await Expect(page.GetByTestId("hit-name").First).ToHaveTextAsync(S1Name);
        await Expect(page.GetByTestId("exact-match")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Editing_a_preference_puts_a_preferences_changed_entry_on_the_timeline()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var id = await page.CreateCustomerAsync("Pia Preference");
        await page.OpenAsync($"/customers/{id}");
        await Expect(page.GetByTestId("timeline-empty")).ToBeVisibleAsync();

        await page.GetByTestId("edit-preferences").ClickAsync();
        await page.GetByText("Telemarketing opt-out", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("pref-channel-chips").GetByText("SMS", new() { Exact = true }).ClickAsync();
        await page.ScreenshotAsync("customer-360-preferences-1280");
        await page.GetByTestId("save-preferences").ClickAsync();

        var entry = page.GetByTestId("timeline-entry").First;
        await Expect(entry.GetByTestId("entry-title")).ToHaveTextAsync("Preferences changed");
        await Expect(entry.GetByTestId("entry-detail")).ToContainTextAsync("Telemarketing opt-out turned on.");
        await Expect(entry.GetByTestId("entry-detail")).ToContainTextAsync("Allowed marketing channels: sms.");
        await Expect(entry.GetByTestId("entry-actor")).ToHaveTextAsync("by Anna Agent");
        await Expect(page.GetByTestId("pref-telemarketing")).ToContainTextAsync("opted out");
        await Expect(page.GetByTestId("pref-channels")).ToHaveTextAsync("SMS");
    }

    [Fact]
    public async Task An_objection_heard_on_the_phone_shows_in_the_preferences_with_when_and_how_it_was_recorded()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var id = await page.CreateCustomerAsync("Olga Objection");
        var heard = await page.Context.APIRequest.PostAsync($"/api/customers/{id}/marketing-objection", new() { DataObject = new { channel = "phone" } });
        Assert.Equal(201, heard.Status);

        await page.OpenAsync($"/customers/{id}");

        await Expect(page.GetByTestId("pref-objection")).ToContainTextAsync("objected (GDPR Art. 21)");
        await Expect(page.GetByTestId("pref-objection-recorded")).ToContainTextAsync("by Phone");
        await Expect(page.GetByTestId("timeline-entry").First.GetByTestId("entry-title")).ToHaveTextAsync("Marketing objection (GDPR Art. 21) recorded, by Phone");
    }

    [Fact]
    public async Task Making_a_person_a_business_is_asked_first_and_the_change_history_masks_names_until_an_admin_asks_with_a_reason()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var id = await page.CreateCustomerAsync("Bo Berglund");
        await page.OpenAsync($"/customers/{id}");
        await Expect(page.GetByTestId("customer-kind")).ToHaveTextAsync("Person");

        await page.GetByTestId("change-kind").ClickAsync();
        await Expect(page.GetByTestId("change-kind-explanation")).ToContainTextAsync("keeps its withdrawal right and binding limits");
        await page.ScreenshotAsync("customer-360-change-kind-1280");
        await page.GetByTestId("confirm-change-kind").ClickAsync();

        await Expect(page.GetByTestId("customer-kind")).ToHaveTextAsync("Business");
        await Expect(page.GetByTestId("timeline-entry").First.GetByTestId("entry-title")).ToHaveTextAsync("Customer kind changed: person → business");
        var renamed = await page.Context.APIRequest.PatchAsync($"/api/customers/{id}", new() { DataObject = new { name = "Bo Bolag AB" } });
        Assert.Equal(200, renamed.Status);

        await page.GetByTestId("show-change-history").ClickAsync();
        var history = page.GetByTestId("change-history");
        await Expect(history.GetByTestId("change-entry")).ToHaveCountAsync(3);
        await Expect(history).ToContainTextAsync("Kind: Person → Business");
        await Expect(history).ToContainTextAsync("Name: B••• B••• → B••• B••• A•••");
        await Expect(history).Not.ToContainTextAsync("Berglund");
        await Expect(history.GetByTestId("reveal-values")).ToHaveCountAsync(0);

        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", TouchpointApp.AdminPassword);
        await admin.OpenAsync($"/customers/{id}");
        await admin.GetByTestId("show-change-history").ClickAsync();
        var rename = admin.GetByTestId("change-entry").First;
        await rename.GetByTestId("reveal-values").ClickAsync();
        await admin.GetByLabel("Why do you need to see the values?").FillAsync("Checking a complaint about a misspelt name.");
        await rename.GetByTestId("reveal-confirm").ClickAsync();
        await Expect(rename).ToContainTextAsync("Name: Bo Berglund → Bo Bolag AB");
        await admin.ScreenshotAsync("customer-360-change-history-revealed-1280");

        var response = await admin.Context.APIRequest.GetAsync($"/api/audit?entityType=Customer&entityId={id}&action=Read");
        using var reads = JsonDocument.Parse(await response.TextAsync());
        Assert.Contains(reads.RootElement.EnumerateArray(), r => r.GetProperty("userName").GetString() == "admin"
            && r.GetProperty("details").GetString()!.EndsWith("reason: Checking a complaint about a misspelt name.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_contact_recorded_on_the_page_is_on_the_timeline_at_once_with_the_agent_as_actor()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var id = await page.CreateCustomerAsync("Rita Recorded");
        await page.OpenAsync($"/customers/{id}");
        await Expect(page.GetByTestId("timeline-empty")).ToBeVisibleAsync();

        await page.GetByTestId("record-contact").ClickAsync();
        await page.GetByTestId("contact-submit").ClickAsync();
        await Expect(page.GetByTestId("contact-error")).ToContainTextAsync("reason is required");

        await page.ChooseAsync("contact-channel", "Chat");
        await page.Locator("#contact-reason").FillAsync("Billing question");
        await page.Locator("#contact-summary").FillAsync("Asked why the invoice is higher; explained the roaming charge.");
        await page.Locator("#contact-duration").FillAsync("6");
        await page.ScreenshotAsync("customer-360-record-contact-1280");
        await page.GetByTestId("contact-submit").ClickAsync();

        var entry = page.GetByTestId("timeline-entry").First;
        await Expect(entry.GetByTestId("entry-title")).ToHaveTextAsync("Inbound chat: Billing question");
        await Expect(entry.GetByTestId("entry-channel")).ToHaveTextAsync("Chat");
        await Expect(entry.GetByTestId("entry-actor")).ToHaveTextAsync("by Anna Agent");
        await Expect(entry.GetByTestId("partner-agency")).ToHaveCountAsync(0);

        // An agent told of a sales call by an agency records it as the agency's (S0-1).
        await page.GetByTestId("record-contact").ClickAsync();
        await page.ChooseAsync("contact-direction", "Outbound");
        await page.ChooseAsync("contact-agency", "Vendator (partner agency)");
        await page.Locator("#contact-agency-agent").FillAsync("Sven Säljare");
        await page.Locator("#contact-reason").FillAsync("Sales call reported by the customer");
        await page.GetByTestId("contact-submit").ClickAsync();

        await Expect(entry.GetByTestId("entry-title")).ToHaveTextAsync("Outbound phone: Sales call reported by the customer");
        await Expect(entry.GetByTestId("partner-agency")).ToHaveTextAsync("Vendator (partner agency)");
        await Expect(entry.GetByTestId("entry-actor")).ToHaveTextAsync("by Sven Säljare");
    }

    [Fact]
    public async Task Adding_an_identity_that_belongs_to_another_customer_names_the_owner()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var id = await page.CreateCustomerAsync("Ivar Identity", "DK");
        await page.OpenAsync($"/customers/{id}");
        await Expect(page.GetByTestId("timeline-empty")).ToBeVisibleAsync();

        await page.GetByTestId("add-identity").ClickAsync();
        await page.Locator("#identity-value").FillAsync("20 55 01 01");
        await page.GetByTestId("add-identity-submit").ClickAsync();
        await Expect(page.GetByTestId("identity-owner")).ToHaveTextAsync(S1Name);

        var legacy = $"browser:{Guid.NewGuid():N}"[..20];
        await page.ChooseAsync("identity-kind", "legacy id");
        await page.Locator("#identity-value").FillAsync(legacy);
        await page.GetByTestId("add-identity-submit").ClickAsync();
        await Expect(page.GetByTestId("identity").GetByText(legacy)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("timeline-entry").First.GetByTestId("entry-title")).ToHaveTextAsync("Identity added: legacy id");
    }

    [Fact]
    public async Task The_timeline_filters_by_channel_and_pages_with_load_more()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var id = await page.CreateCustomerAsync("Tove Timeline");
        for (var minute = 0; minute < 28; minute++)
        {
            var response = await page.Context.APIRequest.PostAsync("/api/interactions", new()
            {
                DataObject = new
                {
                    customerId = id,
                    channel = minute % 4 == 0 ? "sms" : "email",
                    direction = "outbound",
                    occurredAt = app.UtcNow.AddHours(-2).AddMinutes(minute),
                    reason = $"Notice {minute:00}",
                },
            });
            Assert.Equal(201, response.Status);
        }

        await page.OpenAsync($"/customers/{id}");
        var entries = page.GetByTestId("timeline-entry");
        await Expect(entries).ToHaveCountAsync(25);
        await Expect(entries.First.GetByTestId("entry-title")).ToHaveTextAsync("Outbound e-mail: Notice 27");
        await page.GetByTestId("load-more").ClickAsync();
        await Expect(entries).ToHaveCountAsync(28);
        await Expect(entries.Last.GetByTestId("entry-title")).ToHaveTextAsync("Outbound SMS: Notice 00");
        await Expect(page.GetByTestId("load-more")).ToHaveCountAsync(0);

        await page.GetByTestId("channel-filter").GetByText("SMS", new() { Exact = true }).ClickAsync();
        await Expect(entries).ToHaveCountAsync(7);
        await Expect(entries.GetByTestId("entry-channel")).ToHaveTextAsync(Enumerable.Repeat("SMS", 7).ToArray());
    }

    [Fact]
    public async Task A_merged_record_says_so_and_links_to_the_record_it_was_merged_into()
    {
        var page = await app.NewPageAsync();
        // The names differ and nothing else ties the records together, so it takes a team lead with a reason.
        await page.SignInAsync("lead", TouchpointApp.DemoPassword);
        var survivor = await page.CreateCustomerAsync("Mona Merged");
        var merged = await page.CreateCustomerAsync("Mona Merged (duplicate)");
        var response = await page.Context.APIRequest.PostAsync($"/api/customers/{survivor}/merge",
            new() { DataObject = new { mergedCustomerId = merged, reason = "Mona signed up twice." } });
        Assert.Equal(200, response.Status);

        await page.OpenAsync($"/customers/{merged}");
        await Expect(page.GetByTestId("customer-status")).ToHaveTextAsync("Merged");
        await Expect(page.GetByTestId("edit-preferences")).ToHaveCountAsync(0);
        await page.GetByTestId("merged-into-link").ClickAsync();

        await page.WaitForURLAsync($"**/customers/{survivor}");
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync("Mona Merged");
        await Expect(page.GetByTestId("timeline-entry").First.GetByTestId("entry-title")).ToHaveTextAsync("Customers merged");
    }

    [Fact]
    public async Task Opening_the_360_page_is_recorded_once_as_a_read_of_personal_data()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var id = await page.CreateCustomerAsync("Aud Audited");
        await page.OpenAsync($"/customers/{id}");
        await Expect(page.GetByTestId("timeline-empty")).ToBeVisibleAsync();

        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", TouchpointApp.AdminPassword);
        var response = await admin.Context.APIRequest.GetAsync($"/api/audit?entityType=Customer&entityId={id}&action=Read");
        Assert.Equal(200, response.Status);
        using var reads = JsonDocument.Parse(await response.TextAsync());
        var read = Assert.Single(reads.RootElement.EnumerateArray());
        Assert.Equal("agent", read.GetProperty("userName").GetString());
        Assert.Equal("360 view", read.GetProperty("details").GetString());
    }

    [Fact]
    public async Task A_case_opened_on_the_360_page_is_audited_with_the_signed_in_agent()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);
        var id = await page.CreateCustomerAsync("Cay Casework");
        await page.OpenAsync($"/customers/{id}");
        await Expect(page.GetByTestId("timeline-empty")).ToBeVisibleAsync();

        await page.GetByTestId("new-case").ClickAsync();
        await page.Locator("#case-need").FillAsync("A line that works in the evening");
        await page.GetByTestId("new-case-submit").ClickAsync();
        await page.ArriveAtAsync(CasePageUrl(), "Opening the case");
        var caseId = CasePageUrl().Match(page.Url).Groups["id"].Value;

        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", TouchpointApp.AdminPassword);
        var response = await admin.Context.APIRequest.GetAsync($"/api/audit?entityType=Case&entityId={caseId}&action=Created");
        Assert.Equal(200, response.Status);
        using var created = JsonDocument.Parse(await response.TextAsync());
        var entry = Assert.Single(created.RootElement.EnumerateArray());
        Assert.Equal("agent", entry.GetProperty("userName").GetString());
        Assert.Equal("web", entry.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task The_360_and_search_pages_fit_a_phone_screen_without_sideways_scrolling()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.SignInAsync("agent", TouchpointApp.DemoPassword);

        await page.OpenAsync("/customers?q=20550101");
        await Expect(page.GetByTestId("exact-match")).ToBeVisibleAsync();
        await page.ScreenshotAsync("customer-search-390");
        await page.AssertNoSidewaysScrollingAsync("the search page");

        await page.FindCustomerAsync("20550101");
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(S1Name);
        await Expect(page.Locator("[data-testid=timeline-entry][data-kind=interaction]")).ToHaveCountAsync(9);
        await page.ScreenshotAsync("customer-360-390");
        await page.GetByTestId("timeline").ScreenshotAsync(new() { Path = ScreenshotPath("customer-360-timeline-390") });
        await page.AssertNoSidewaysScrollingAsync("the 360 page");
    }

    [Fact]
    public async Task A_partner_agent_has_no_customer_search()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("partner", TouchpointApp.DemoPassword);
        await Expect(page.GetByTestId("home-partner")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("appbar-search")).ToHaveCountAsync(0);

        await page.OpenAsync("/customers?q=20550101");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("hit-name")).ToHaveCountAsync(0);
    }

    private static string? ScreenshotPath(string name) =>
        TouchpointApp.ScreenshotDirectory is { Length: > 0 } directory ? Path.Combine(directory, $"{name}.png") : null;

    [GeneratedRegex(@"/customers/[0-9a-f-]{36}$")]
    internal static partial Regex Customer360Url();

    [GeneratedRegex("/cases/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex CasePageUrl();
}
