using Microsoft.EntityFrameworkCore;
using Touchpoint.Demo;
using Touchpoint.Features.Contracts;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// The contract rules through the public API: bindings the customer's law forbids are refused with the rule id and
/// nothing stored; every answer about leaving and withdrawal carries its rule ids (S0-5, S1-5); a new contract gets its
/// EU-102 summary, stored, on the timeline and printable.
/// </summary>
public abstract class ContractScenarios(TouchpointApp app, PostgresServer postgres) : ApiTestBase(app)
{
    private const string LawVersion = "law-2026-12-06";

    private static readonly int[] BindingOptions = [0, 6, 12, 24];

    [Fact]
    public async Task DK_refuses_a_12_month_binding_with_DK_1_and_nothing_is_stored()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "DK");
        var plan = await CreatePlanAsync("DKK");

        using var refused = await agent.PostAsJsonAsync("/api/subscriptions",
            new { customerId, planCode = plan, msisdn = UniqueMobile(), bindingMonths = 12, soldVia = "phone" }, Cancel);

        var problem = await HttpAssert.ValidationProblemAsync(refused, "bindingMonths");
        Assert.Equal("A binding of 12 months is longer than DK allows: at most 6 months (EU-105-1, DK-1).",
            problem.GetProperty("errors").GetProperty("bindingMonths")[0].GetString());

        using var viaTmf = await agent.PostAsJsonAsync("/tmf-api/productInventory/v4/product", new
        {
            productOffering = new { id = plan },
            productCharacteristic = new object[] { new { name = "msisdn", value = UniqueMobile() }, new { name = "bindingMonths", value = 12 } },
            relatedParty = new[] { new { id = customerId, role = "customer" } },
        }, Cancel);
        var tmfProblem = await HttpAssert.ValidationProblemAsync(viaTmf, "productCharacteristic[1].value");
        Assert.Contains("DK-1", tmfProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var view = await CustomerAsync(agent, customerId);
        Assert.Empty(view.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal(0, await App.WithDbContextAsync(db => db.ContractSummaries.CountAsync(s => s.CustomerId == Guid.Parse(customerId), Cancel)));
        Assert.Equal(0, await App.WithDbContextAsync(db => db.TimelineEntries.CountAsync(e => e.CustomerId == Guid.Parse(customerId), Cancel)));

        using var allowed = await agent.PostAsJsonAsync("/api/subscriptions",
            new { customerId, planCode = plan, msisdn = UniqueMobile(), bindingMonths = 6, soldVia = "phone" }, Cancel);
        var created = await HttpAssert.JsonAsync(allowed, HttpStatusCode.Created);
        Assert.Contains("DK-1", created.GetProperty("terms").GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task NO_allows_more_than_12_months_only_with_a_clear_economic_benefit()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "NO");
        var plan = await CreatePlanAsync("NOK");

        using var without = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId, planCode = plan, msisdn = UniqueMobile(), bindingMonths = 24 }, Cancel);
        var problem = await HttpAssert.ValidationProblemAsync(without, "bindingMonths");
        Assert.Equal("A binding of 24 months is longer than NO allows: at most 12 months, or 24 with a clear economic benefit (EU-105-1, NO-1).",
            problem.GetProperty("detail").GetString());

        using var with = await agent.PostAsJsonAsync("/api/subscriptions",
            new { customerId, planCode = plan, msisdn = UniqueMobile(), bindingMonths = 24, clearEconomicBenefit = true }, Cancel);
        var id = (await HttpAssert.JsonAsync(with, HttpStatusCode.Created)).GetProperty("id").GetString();

        var terms = await TermsAsync(agent, id!, null);
        Assert.True(terms.GetProperty("binding").GetProperty("isAllowed").GetBoolean());
        Assert.Equal(24, terms.GetProperty("binding").GetProperty("maxMonths").GetInt32());
    }

    [Fact]
    public async Task S0_5_a_phone_sale_can_be_withdrawn_on_day_10_not_on_day_20_and_a_store_sale_has_no_statutory_right()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "SE");
        var plan = await CreatePlanAsync("SEK");
        var byPhone = await SubscribeAsync(agent, customerId, plan, 12, "phone", "2026-05-04");
        var inStore = await SubscribeAsync(agent, customerId, plan, 0, "store", "2026-05-04");

        var day10 = await TermsAsync(agent, byPhone, "2026-05-14");
        var day20 = await TermsAsync(agent, byPhone, "2026-05-24");
        var store = await TermsAsync(agent, inStore, "2026-05-05");

        Assert.Equal("distance", day10.GetProperty("salesMode").GetString());
        Assert.True(day10.GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());
        Assert.Equal("2026-05-18", day10.GetProperty("withdrawal").GetProperty("openUntil").GetString());
        Assert.False(day20.GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());
        Assert.Equal(["CRD-9"], day20.GetProperty("withdrawal").GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(
            "Withdrawal is no longer possible: the 14-day withdrawal period of this distance sale concluded on 2026-05-04 ended on 2026-05-18; you can still leave with notice.",
            day20.GetProperty("withdrawal").GetProperty("explanation").GetString());
        Assert.Equal("onPremises", store.GetProperty("salesMode").GetString());
        Assert.False(store.GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());
        Assert.Equal(JsonValueKind.Null, store.GetProperty("withdrawal").GetProperty("openUntil").ValueKind);

        // Leaving while bound: notice ends with the binding, with the rules that say so.
        var leaving = day20.GetProperty("leaving");
        Assert.True(leaving.GetProperty("isBound").GetBoolean());
        Assert.Equal("2027-05-04", leaving.GetProperty("effectiveDate").GetString());
        Assert.Equal(["EU-105-1", "SE-1", "EU-105-2"], leaving.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()));
        Assert.False(day20.GetProperty("terminationRight").GetProperty("isOpen").GetBoolean());
        Assert.Equal(LawVersion, day20.GetProperty("rulesVersion").GetString());

        // The 360 view and TMF637 carry the same withdrawal right, as of today.
        var onThe360 = Assert.Single((await CustomerAsync(agent, customerId)).GetProperty("subscriptions").EnumerateArray(), s => s.GetProperty("id").GetString() == byPhone);
        Assert.Equal("2026-05-18", onThe360.GetProperty("terms").GetProperty("withdrawalOpenUntil").GetString());
        Assert.Equal("phone", onThe360.GetProperty("soldVia").GetString());
        using var product = await agent.GetAsync($"/tmf-api/productInventory/v4/product/{byPhone}", Cancel);
        var characteristics = (await HttpAssert.JsonAsync(product)).GetProperty("productCharacteristic").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("value"));
        Assert.Equal("2026-05-18", characteristics["withdrawalOpenUntil"].GetString());
        Assert.Equal("phone", characteristics["soldVia"].GetString());
        Assert.Contains("SE-1", characteristics["termsRuleIds"].GetString(), StringComparison.Ordinal);
        Assert.Equal(LawVersion, characteristics["rulesVersion"].GetString());
    }

    [Fact]
    public async Task S1_5_Henriks_notice_is_one_month_and_he_has_no_binding()
    {
        // The host has no cancellation yet, so a withdrawn termination cannot be replayed here; the domain test
        // StoryS1_5Tests does. What the host answers for Henrik is what the law allows, whatever was said to him.
        using var agent = await App.CreateClientAsAsync("agent");
        using var search = await agent.GetAsync($"/api/customers?q={Uri.EscapeDataString(StoryCustomers.S1Msisdn)}", Cancel);
        var henrik = Assert.Single((await HttpAssert.JsonAsync(search)).EnumerateArray(), h => h.GetProperty("exactIdentityMatch").GetBoolean()).GetProperty("id").GetString()!;
        var subscription = Assert.Single((await CustomerAsync(agent, henrik)).GetProperty("subscriptions").EnumerateArray());

        var terms = await TermsAsync(agent, subscription.GetProperty("id").GetString()!, "2026-02-23");

        Assert.Equal("DK", terms.GetProperty("jurisdiction").GetString());
        var leaving = terms.GetProperty("leaving");
        Assert.Equal(1, leaving.GetProperty("noticeMonths").GetInt32());
        Assert.False(leaving.GetProperty("isBound").GetBoolean());
        Assert.Equal("2026-03-23", leaving.GetProperty("effectiveDate").GetString());
        Assert.Equal(["EU-105-2"], leaving.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("No binding; with one month's notice given on 2026-02-23 the earliest you can leave is 2026-03-23.", leaving.GetProperty("explanation").GetString());
        Assert.Equal(1, subscription.GetProperty("terms").GetProperty("noticeMonths").GetInt32());
        Assert.Equal(JsonValueKind.Null, subscription.GetProperty("terms").GetProperty("bindingEnd").ValueKind);
    }

    [Fact]
    public async Task The_terms_of_an_unknown_subscription_are_404_and_a_bad_or_far_off_date_is_400()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var unknown = await agent.GetAsync($"/api/subscriptions/{Guid.NewGuid()}/terms", Cancel);
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);

        var customerId = await CreateCustomerAsync(agent, "SE");
        var id = await SubscribeAsync(agent, customerId, await CreatePlanAsync("SEK"), 0, "web", "2026-05-04");
        using var badDate = await agent.GetAsync($"/api/subscriptions/{id}/terms?on=23.11.2026", Cancel);
        var problem = await HttpAssert.ValidationProblemAsync(badDate, "on");
        Assert.Equal("'23.11.2026' is not a date; use yyyy-MM-dd, e.g. 2026-11-23.", problem.GetProperty("detail").GetString());

        // Found by the fuzzer: counting the notice from the calendar's last day was a 500.
        using var lastDay = await agent.GetAsync($"/api/subscriptions/{id}/terms?on=9999-12-31", Cancel);
        await HttpAssert.ValidationProblemAsync(lastDay, "on");
    }

    [Fact]
    public async Task EU_102_a_new_contract_gets_a_summary_stored_on_the_timeline_and_printable_on_one_page()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "SE");
        var plan = await CreatePlanAsync("SEK");
        var id = await SubscribeAsync(agent, customerId, plan, 12, "phone", App.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), price: 299m);

        using var response = await agent.GetAsync($"/api/subscriptions/{id}/summaries", Cancel);
        var summary = Assert.Single((await HttpAssert.JsonAsync(response)).EnumerateArray());
        Assert.Equal("New contract", summary.GetProperty("reason").GetString());
        Assert.Equal(299m, summary.GetProperty("monthlyPrice").GetDecimal());
        Assert.Equal("SEK", summary.GetProperty("currency").GetString());
        Assert.Equal(12, summary.GetProperty("bindingMonths").GetInt32());
        Assert.Equal(1, summary.GetProperty("noticeMonths").GetInt32());
        Assert.Equal(LawVersion, summary.GetProperty("rulesVersion").GetString());
        Assert.StartsWith("Bound for 12 months, until ", summary.GetProperty("bindingText").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("You can withdraw without giving a reason until ", summary.GetProperty("withdrawalText").GetString(), StringComparison.Ordinal);
        Assert.Contains("/leave", summary.GetProperty("howToCancel").GetString(), StringComparison.Ordinal);
        var rules = summary.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("EU-102", rules);
        Assert.Contains("CRD-9", rules);
        Assert.Contains("SE-1", rules);
        Assert.Equal(ContractSummaries.PagePath(Guid.Parse(id)), summary.GetProperty("page").GetString());

        using var timelineResponse = await agent.GetAsync($"/api/customers/{customerId}/timeline?kind=subscriptionChange", Cancel);
        var timeline = (await HttpAssert.JsonAsync(timelineResponse)).GetProperty("items").EnumerateArray().ToList();
        var entry = Assert.Single(timeline, e => e.GetProperty("title").GetString()!.StartsWith("Contract summary issued", StringComparison.Ordinal));
        Assert.Equal($"Contract summary issued: Plan {plan}", entry.GetProperty("title").GetString());
        Assert.Equal("Anna Agent", entry.GetProperty("actorName").GetString());

        using var page = await agent.GetAsync(ContractSummaries.PagePath(Guid.Parse(id)), Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"contract-summary\"", html, StringComparison.Ordinal);
        // In the Swedish customer's language, the price as Swedes write it: "299,00 kr".
        Assert.Contains($"{Touchpoint.Domain.Compensation.Currencies.FormatLocal(299m, Touchpoint.Domain.Customers.Jurisdiction.SE)} i månaden", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("Bindningstid 12 månader", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("/leave", html, StringComparison.Ordinal);
        Assert.Contains("Contract Customer SE", html, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4", html, StringComparison.Ordinal);

        using var anonymous = App.CreateAnonymousClient();
        using var signedOut = await anonymous.GetAsync(ContractSummaries.PagePath(Guid.Parse(id)), Cancel);
        Assert.NotEqual(HttpStatusCode.OK, signedOut.StatusCode);
    }

    [Fact]
    public async Task EU_102_a_Dutch_customers_summary_is_written_in_Dutch_with_Dutch_law_and_euros()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "NL");
        var plan = await CreatePlanAsync("EUR");
        var today = DateOnly.FromDateTime(App.UtcNow);
        using var subscribed = await agent.PostAsJsonAsync("/api/subscriptions", new
        {
            customerId, planCode = plan, msisdn = $"+3161{Random.Shared.Next(1_000_000, 9_999_999)}", bindingMonths = 12, soldVia = "phone",
            startDate = Iso(today), monthlyPrice = 29.95m,
        }, Cancel);
        var id = (await HttpAssert.JsonAsync(subscribed, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var page = await agent.GetAsync(ContractSummaries.PagePath(id), Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = PageText(await page.Content.ReadAsStringAsync(Cancel));
        var dutch = CultureInfo.GetCultureInfo("nl-NL");
        Assert.Contains("Contractsamenvatting", text, StringComparison.Ordinal);
        Assert.Contains("€ 29,95 per maand, inclusief alle belastingen.", text, StringComparison.Ordinal);
        Assert.Contains($"Vaste looptijd van 12 maanden, tot en met {today.AddMonths(12).ToString("d MMMM yyyy", dutch)}.", text, StringComparison.Ordinal);
        Assert.Contains("Ten hoogste één maand, en nooit langer dan tot het einde van een vaste looptijd.", text, StringComparison.Ordinal);
        Assert.Contains($"U kunt tot en met {today.AddDays(14).ToString("d MMMM yyyy", dutch)} zonder opgave van redenen herroepen.", text, StringComparison.Ordinal);
        Assert.Contains("Wet: Telecommunicatiewet, Burgerlijk Wetboek (boek 6)", text, StringComparison.Ordinal);
        Assert.Empty(EnglishLeaks.In(text, "nl"));
    }

    [Fact]
    public async Task An_operator_rules_file_tightens_DK_to_3_months()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "version": "op-1", "jurisdictions": { "DK": { "bindingMaxMonths": 3 } } }""", Cancel);
        try
        {
            await using var tightened = await TouchpointApp.StartAsync(App.Provider, postgres, new Dictionary<string, string?>
            {
                [ContractRulesSettings.RulesFileKey] = file,
            });
            using var agent = await tightened.CreateClientAsAsync("agent");
            var customerId = await CreateCustomerAsync(agent, "DK");
            var plan = await CreatePlanAsync("DKK", tightened);

            using var refused = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId, planCode = plan, msisdn = UniqueMobile(), bindingMonths = 6 }, Cancel);
            var problem = await HttpAssert.ValidationProblemAsync(refused, "bindingMonths");
            Assert.Equal("A binding of 6 months is longer than DK allows: at most 3 months (EU-105-1, DK-1).", problem.GetProperty("detail").GetString());

            var id = await SubscribeAsync(agent, customerId, plan, 0, "web", "2026-05-04");
            Assert.Equal($"{LawVersion}+op-1", (await TermsAsync(agent, id, null)).GetProperty("rulesVersion").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<string> CreatePlanAsync(string currency, TouchpointApp? app = null)
    {
        var code = $"CR-{Guid.NewGuid():N}"[..20];
        using var admin = await (app ?? App).CreateAdminClientAsync();
        using var response = await admin.PostAsJsonAsync("/api/plans",
            new { code, name = $"Plan {code}", monthlyPrice = 349m, currency, bindingOptions = BindingOptions, technology = "5G" }, Cancel);
        await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return code;
    }

    private static async Task<string> CreateCustomerAsync(HttpClient client, string jurisdiction)
    {
        using var response = await client.PostAsJsonAsync("/api/customers", new
        {
            name = $"Contract Customer {jurisdiction}",
            jurisdiction,
            identities = new[] { new { kind = "email", value = $"contract.{Guid.NewGuid():N}@example.com" } },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> SubscribeAsync(HttpClient client, string customerId, string plan, int bindingMonths, string soldVia, string startDate, decimal? price = null)
    {
        using var response = await client.PostAsJsonAsync("/api/subscriptions",
            new { customerId, planCode = plan, msisdn = UniqueMobile(), bindingMonths, soldVia, startDate, monthlyPrice = price }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> TermsAsync(HttpClient client, string subscriptionId, string? on)
    {
        using var response = await client.GetAsync($"/api/subscriptions/{subscriptionId}/terms{(on is null ? "" : $"?on={on}")}", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static async Task<JsonElement> CustomerAsync(HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    /// <summary>What a reader sees of a server-rendered page: its text without tags, entities decoded, spaces as one.</summary>
    private static string PageText(string html) =>
        System.Text.RegularExpressions.Regex.Replace(System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string UniqueMobile() => $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}";
}

[Trait("Provider", "Sqlite")]
public sealed class ContractScenariosOnSqlite(SqliteApp app, PostgresServer postgres) : ContractScenarios(app, postgres), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ContractScenariosOnPostgres(PostgresApp app, PostgresServer postgres) : ContractScenarios(app, postgres), IClassFixture<PostgresApp>;
