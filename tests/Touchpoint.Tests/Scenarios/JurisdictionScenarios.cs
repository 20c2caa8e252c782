using System.Globalization;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// Finland and Germany end to end through the public API, as a customer of each meets Touchpoint: an account with a
/// local phone number, postcode and (in Finland) personal identity code; a sale with a lawful and an unlawful binding
/// (FI-1, DE-1 and its 12-month option); leaving with the country's notice (two weeks in Finland, a month in Germany);
/// a rejected complaint naming the country's dispute body; compensation proposed in euros.
/// </summary>
public abstract class JurisdictionScenarios(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_Finnish_customer_is_bound_at_most_24_months_leaves_two_weeks_after_notice_and_is_sent_to_Kuluttajariitalautakunta()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var mobile = Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var personalCode = FinnishPersonalCode();

        // A Helsinki postcode must be one Finland has; nothing is stored for a wrong one.
        using (var badPostcode = await PostAsync(agent, "/api/customers", Finn(mobile, personalCode, postalCode: "0010")))
        {
            Assert.Contains("not a postcode of FI", (await HttpAssert.ValidationProblemAsync(badPostcode, "serviceAddress.postalCode")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var created = await PostAsync(agent, "/api/customers", Finn(mobile, personalCode, postalCode: "00100"));
        var customer = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        var customerId = customer.GetProperty("id").GetString()!;
        Assert.Equal("fi", customer.GetProperty("preferences").GetProperty("preferredLanguage").GetString());
        Assert.Equal(
            [("msisdn", $"+35840{mobile}"), ("nationalId", $"FI:{personalCode}")],
            customer.GetProperty("identities").EnumerateArray().Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("value").GetString())).Order().ToArray());

        // The lawful binding: 24 months (FI-1). The unlawful one is refused naming FI-1, whatever the plan offers.
        using (var tooLong = await SubscribeAsync(agent, customerId, "FI-MOBIILI-5G", 36))
        {
            Assert.Equal("A binding of 36 months is longer than FI allows: at most 24 months (EU-105-1, FI-1).", Error(await HttpAssert.ValidationProblemAsync(tooLong, "bindingMonths"), "bindingMonths"));
        }

        using (var germanPlan = await SubscribeAsync(agent, customerId, "DE-MOBIL-5G", 12))
        {
            Assert.Equal(
                "DE-MOBIL-5G is sold in DE in EUR; a customer of FI is offered the plans of FI, in EUR.",
                Error(await HttpAssert.ValidationProblemAsync(germanPlan, "planCode"), "planCode"));
        }

        using var bound = await SubscribeAsync(agent, customerId, "FI-MOBIILI-5G", 24);
        var boundSubscription = await HttpAssert.JsonAsync(bound, HttpStatusCode.Created);
        var boundTerms = boundSubscription.GetProperty("terms");
        var today = Date(boundSubscription.GetProperty("startDate"));
        Assert.Equal(today.AddMonths(24), Date(boundTerms.GetProperty("bindingEnd")));
        Assert.Equal(today.AddMonths(24), Date(boundTerms.GetProperty("earliestLeaveDate")));
        Assert.Contains("FI-1", Strings(boundTerms.GetProperty("ruleIds")));

        // Open-ended: notice of two weeks, the same answer on every surface.
        using var openEnded = await SubscribeAsync(agent, customerId, "FI-MOBIILI-5G", 0);
        var subscription = await HttpAssert.JsonAsync(openEnded, HttpStatusCode.Created);
        var subscriptionId = subscription.GetProperty("id").GetString()!;
        var terms = subscription.GetProperty("terms");
        Assert.Equal((JsonValueKind.Null, 2, "weeks"), (terms.GetProperty("noticeMonths").ValueKind, terms.GetProperty("notice").GetProperty("amount").GetInt32(), terms.GetProperty("notice").GetProperty("unit").GetString()));
        Assert.Equal(today.AddDays(14), Date(terms.GetProperty("earliestLeaveDate")));

        using var summaries = await agent.GetAsync($"/api/subscriptions/{subscriptionId}/summaries", Cancel);
        var summary = (await HttpAssert.JsonAsync(summaries))[0];
        Assert.Equal(("EUR", "weeks"), (summary.GetProperty("currency").GetString(), summary.GetProperty("notice").GetProperty("unit").GetString()));
        Assert.StartsWith("2 weeks' notice at most", summary.GetProperty("noticeText").GetString(), StringComparison.Ordinal);

        using var cancelled = await PostAsync(agent, $"/api/subscriptions/{subscriptionId}/cancellation", new { channel = "phone" });
        var termination = await HttpAssert.JsonAsync(cancelled, HttpStatusCode.Created);
        Assert.Equal(today.AddDays(14), Date(termination.GetProperty("effectiveDate")));
        Assert.Equal(["EU-105-2", "FI-1"], Strings(termination.GetProperty("ruleIds")));
        Assert.Contains("2 weeks' notice", termination.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        await AssertRejectedComplaintNamesAsync(agent, customerId, "Kuluttajariitalautakunta", "https://www.kuluttajariita.fi/");
        await AssertCompensationProposedInEurosAsync(agent, customerId);
    }

    [Fact]
    public async Task A_German_customer_is_offered_12_months_beside_24_leaves_a_month_after_notice_and_is_sent_to_the_Schlichtungsstelle()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var admin = await App.CreateAdminClientAsync();
        var mobile = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

        // Germany has no national id: offering one is refused with what to use instead, and nothing is stored.
        using (var withId = await PostAsync(agent, "/api/customers", German(mobile, nationalId: "T22000129")))
        {
            Assert.Contains("Germany has no national identity number", Error(await HttpAssert.ValidationProblemAsync(withId, "identities[1].value"), "identities[1].value"), StringComparison.Ordinal);
        }

        using var created = await PostAsync(agent, "/api/customers", German(mobile, nationalId: null));
        var customer = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        var customerId = customer.GetProperty("id").GetString()!;
        Assert.Equal("de", customer.GetProperty("preferences").GetProperty("preferredLanguage").GetString());
        Assert.Equal($"+49151{mobile}", Assert.Single(customer.GetProperty("identities").EnumerateArray()).GetProperty("value").GetString());
        Assert.Equal("10115", customer.GetProperty("serviceAddress").GetProperty("postalCode").GetString());

        // DE-1 where plans are defined: a German plan that binds for 24 months offers 12 too.
        using (var without12 = await PostAsync(admin, "/api/plans", Plan("DE", [0, 24])))
        {
            Assert.Equal(
                "A plan that binds for 24 months must also offer a binding of 12 months in DE; it offers 0, 24 months (EU-105-1, DE-1).",
                Error(await HttpAssert.ValidationProblemAsync(without12, "bindingOptions"), "bindingOptions"));
        }

        using (var with12 = await PostAsync(admin, "/api/plans", Plan("DE", [0, 12, 24])))
        {
            Assert.Equal(("DE", "EUR"), CountryAndCurrency(await HttpAssert.JsonAsync(with12, HttpStatusCode.Created)));
        }

        // ... and where it is sold: a euro plan defined for every euro country cannot bind a German for 24 months without 12.
        using var euroPlan = await PostAsync(admin, "/api/plans", Plan(null, [0, 24]));
        var euroPlanCode = (await HttpAssert.JsonAsync(euroPlan, HttpStatusCode.Created)).GetProperty("code").GetString()!;
        using (var unlawful = await SubscribeAsync(agent, customerId, euroPlanCode, 24))
        {
            Assert.Equal(
                "A binding of 24 months can only be sold in DE where a binding of 12 months is offered too; the plan offers 0, 24 months (EU-105-1, DE-1).",
                Error(await HttpAssert.ValidationProblemAsync(unlawful, "bindingMonths"), "bindingMonths"));
        }

        // The same holds for an order, item by item, and a Finnish plan is not sold to a German at all.
        using (var orderedUnlawfully = await PostAsync(agent, "/api/orders", new
               {
                   customerId,
                   items = new object[] { new { id = "1", action = "add", planCode = euroPlanCode, msisdn = $"+49151{mobile[..7]}9", bindingMonths = 24, bindingConsent = true } },
               }))
        {
            Assert.Contains("(EU-105-1, DE-1)", Error(await HttpAssert.ValidationProblemAsync(orderedUnlawfully, "items[0].bindingMonths"), "items[0].bindingMonths"), StringComparison.Ordinal);
        }

        using (var finnishPlan = await PostAsync(agent, "/api/orders", new
               {
                   customerId,
                   items = new object[] { new { id = "1", action = "add", planCode = "FI-MOBIILI-5G", msisdn = $"+49151{mobile[..7]}8" } },
               }))
        {
            Assert.Equal(
                "FI-MOBIILI-5G is sold in FI in EUR; a customer of DE is offered the plans of DE, in EUR.",
                Error(await HttpAssert.ValidationProblemAsync(finnishPlan, "items[0].planCode"), "items[0].planCode"));
        }

        using var lawful = await SubscribeAsync(agent, customerId, "DE-MOBIL-5G", 24);
        var bound = await HttpAssert.JsonAsync(lawful, HttpStatusCode.Created);
        var boundTerms = bound.GetProperty("terms");
        var today = Date(bound.GetProperty("startDate"));
        var bindingEnd = Date(boundTerms.GetProperty("bindingEnd"));
        Assert.Equal(today.AddMonths(24), bindingEnd);
        Assert.Contains("DE-1", Strings(boundTerms.GetProperty("ruleIds")));

        // Bound: notice ends the contract when the initial term does. Not bound: a month after notice (DE-1).
        using var boundCancel = await PostAsync(agent, $"/api/subscriptions/{bound.GetProperty("id").GetString()}/cancellation", new { channel = "web" });
        var boundTermination = await HttpAssert.JsonAsync(boundCancel, HttpStatusCode.Created);
        Assert.Equal(bindingEnd, Date(boundTermination.GetProperty("effectiveDate")));
        Assert.Equal(["EU-105-1", "DE-1", "EU-105-2"], Strings(boundTermination.GetProperty("ruleIds")));

        using var open = await SubscribeAsync(agent, customerId, "DE-MOBIL-5G", 0);
        var openId = (await HttpAssert.JsonAsync(open, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using var openCancel = await PostAsync(agent, $"/api/subscriptions/{openId}/cancellation", new { channel = "phone" });
        var openTermination = await HttpAssert.JsonAsync(openCancel, HttpStatusCode.Created);
        Assert.Equal(today.AddMonths(1), Date(openTermination.GetProperty("effectiveDate")));
        Assert.Equal(["EU-105-2", "DE-1"], Strings(openTermination.GetProperty("ruleIds")));

        await AssertRejectedComplaintNamesAsync(agent, customerId, "Schlichtungsstelle Telekommunikation der Bundesnetzagentur", "https://www.bundesnetzagentur.de/schlichtungsstelle");
        await AssertCompensationProposedInEurosAsync(agent, customerId);
    }

    [Fact]
    public async Task A_plan_is_sold_in_one_jurisdiction_and_priced_in_its_currency()
    {
        using var admin = await App.CreateAdminClientAsync();

        (object Body, string Field, string Message)[] refused =
        [
            (new { code = "JU-FI-SEK", name = "Wrong money", monthlyPrice = 99m, currency = "SEK", country = "FI", technology = "5G" }, "currency",
                "A plan sold in FI is priced in EUR."),
            (new { code = "JU-FR", name = "Nowhere", monthlyPrice = 9m, currency = "EUR", country = "FR", technology = "5G" }, "country",
                "'FR' is not a valid jurisdiction; allowed values: SE, DK, NL, NO, FI, DE."),
            (new { code = "JU-GBP", name = "Pounds", monthlyPrice = 9m, currency = "GBP", country = (string?)null, technology = "5G" }, "currency",
                "'GBP' is not a valid currency; allowed values: SEK, DKK, EUR, NOK."),
        ];
        foreach (var (body, field, message) in refused)
        {
            using var response = await PostAsync(admin, "/api/plans", body);
            Assert.Equal(message, Error(await HttpAssert.ValidationProblemAsync(response, field), field));
        }

        // A country alone brings its currency.
        using (var finnish = await PostAsync(admin, "/api/plans", new { code = $"JU-{Guid.NewGuid():N}"[..20], name = "Suomi", monthlyPrice = 9.90m, country = "fi", technology = "4G" }))
        {
            Assert.Equal(("FI", "EUR"), CountryAndCurrency(await HttpAssert.JsonAsync(finnish, HttpStatusCode.Created)));
        }

        using var catalogue = await admin.GetAsync("/api/plans", Cancel);
        var plans = (await HttpAssert.JsonAsync(catalogue)).EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!, CountryAndCurrency);
        Assert.Equal(("FI", "EUR"), plans["FI-MOBIILI-5G"]);
        Assert.Equal(("DE", "EUR"), plans["DE-MOBIL-5G"]);
        Assert.Equal(("NL", "EUR"), plans["NL-INTERNET"]);
        Assert.DoesNotContain("JU-FI-SEK", plans.Keys);
    }

    private static async Task AssertRejectedComplaintNamesAsync(HttpClient agent, string customerId, string body, string website)
    {
        using var opened = await PostAsync(agent, "/api/cases", new { customerId, type = "complaint", channel = "phone", need = "The invoice charges a month I had already left" });
        var caseId = (await HttpAssert.JsonAsync(opened, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        using var rejected = await PostAsync(agent, $"/api/cases/{caseId}/status", new { status = "rejected", reason = "The month was used" });
        var disputeBody = (await HttpAssert.JsonAsync(rejected)).GetProperty("disputeBody");
        Assert.Equal((body, website, "ADR"), (disputeBody.GetProperty("name").GetString(), disputeBody.GetProperty("website").GetString(), disputeBody.GetProperty("ruleId").GetString()));
        Assert.Contains(body, disputeBody.GetProperty("readOut").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertCompensationProposedInEurosAsync(HttpClient agent, string customerId)
    {
        using var response = await PostAsync(agent, "/api/compensations/proposal", new { customerId, harms = new object[] { new { kind = "portingDelay", days = 3 } } });
        var proposal = await HttpAssert.JsonAsync(response);

        // The euro rate of the policy: 5 EUR a day of porting delay (EU-106-5), within an agent's euro mandate (50 EUR).
        Assert.Equal((15m, "EUR"), (proposal.GetProperty("total").GetDecimal(), proposal.GetProperty("currency").GetString()));
        Assert.Equal("3 days porting delay × 5.00 EUR a day", proposal.GetProperty("lines")[0].GetProperty("explanation").GetString());
        Assert.Equal((true, 50m), (proposal.GetProperty("withinYourMandate").GetBoolean(), proposal.GetProperty("yourMandate").GetDecimal()));

        using var granted = await PostAsync(agent, "/api/compensations", new { customerId, amount = 15m, reason = "The number moved three days late" });
        var compensation = await HttpAssert.JsonAsync(granted, HttpStatusCode.Created);
        Assert.Equal((15m, "EUR", "granted"), (compensation.GetProperty("amount").GetDecimal(), compensation.GetProperty("currency").GetString(), compensation.GetProperty("status").GetString()));
    }

    private static object Finn(string mobile, string personalCode, string postalCode) => new
    {
        name = "Aino Virtanen",
        jurisdiction = "FI",
        serviceAddress = new { street = "Mannerheimintie 1", postalCode, city = "Helsinki", country = "FI" },
        identities = new[] { new { kind = "msisdn", value = $"040 {mobile}" }, new { kind = "nationalId", value = personalCode } },
    };

    private static object German(string mobile, string? nationalId)
    {
        var phone = new { kind = "msisdn", value = $"0151 {mobile}" };
        return new
        {
            name = "Jonas Schmidt",
            jurisdiction = "DE",
            serviceAddress = new { street = "Invalidenstraße 1", postalCode = "10115", city = "Berlin", country = "DE" },
            identities = nationalId is null ? new[] { phone } : [phone, new { kind = "nationalId", value = nationalId }],
        };
    }

    private static object Plan(string? country, int[] bindingOptions)
    {
        var code = $"JU-{Guid.NewGuid():N}"[..20];
        return new { code, name = $"Plan {code}", monthlyPrice = 19.90m, currency = "EUR", country, bindingOptions, technology = "5G" };
    }

    private static (string?, string?) CountryAndCurrency(JsonElement plan) =>
        (plan.GetProperty("country").GetString(), plan.GetProperty("currency").GetString());

    /// <summary>A henkilötunnus of someone born in the 1980s with a random individual number, and its check character.</summary>
    private static string FinnishPersonalCode()
    {
        var birth = new DateOnly(1980, 1, 1).AddDays(Random.Shared.Next(0, 3650));
        var individual = Random.Shared.Next(2, 900);
        var digits = string.Create(CultureInfo.InvariantCulture, $"{birth:ddMMyy}{individual:000}");
        return string.Create(CultureInfo.InvariantCulture, $"{birth:ddMMyy}-{individual:000}{"0123456789ABCDEFHJKLMNPRSTUVWXY"[int.Parse(digits, CultureInfo.InvariantCulture) % 31]}");
    }

    /// <summary>A sale by phone of a new number in the plan's country (Finnish numbers for FI plans, German for the rest).</summary>
    private static Task<HttpResponseMessage> SubscribeAsync(HttpClient agent, string customerId, string planCode, int bindingMonths)
    {
        var msisdn = planCode.StartsWith("FI-", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"+35840{Random.Shared.Next(1_000_000, 9_999_999)}")
            : string.Create(CultureInfo.InvariantCulture, $"+49151{Random.Shared.Next(10_000_000, 99_999_999)}");
        return PostAsync(agent, "/api/subscriptions", new { customerId, planCode, msisdn, bindingMonths, soldVia = "phone" });
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body, Cancel);

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static DateOnly Date(JsonElement value) => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

[Trait("Provider", "Sqlite")]
public sealed class JurisdictionScenariosOnSqlite(SqliteApp app) : JurisdictionScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class JurisdictionScenariosOnPostgres(PostgresApp app) : JurisdictionScenarios(app), IClassFixture<PostgresApp>;
