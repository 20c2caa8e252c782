using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.PartnerAgencies;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Demo;

/// <summary>
/// The customers of the five stories (../shared/STORIES.md), with their histories replayed as
/// interactions through the same commands the API uses. Dates are relative to today so the
/// histories look recent in a demo.
/// </summary>
public sealed class StoryCustomers(
    TouchpointDbContext db, TimeProvider clock, ContractRuleBook rules, CustomerCommands customers, InteractionCommands interactions, SubscriptionCommands subscriptions)
{
    public const string S0Msisdn = "+46706004300";
    public const string S1Msisdn = "+4520550101";
    public const string S1LegacyId = "sonofon:19960042";

    /// <summary>The demo catalogue: plans of every jurisdiction, each sold only there.</summary>
    public static IReadOnlyList<CreatePlanInput> Plans { get; } =
    [
        new("SE-MOBIL-600", "Mobil Fast 600", 600m, "SEK", 20, null, [0, 12, 24], "4G", Country: "SE"),
        new("SE-MOBIL-430", "Mobil 430", 430m, "SEK", 10, null, [0, 12], "4G", Country: "SE"),
        new("SE-MBB-4G", "Mobilt bredband 4G", 199m, "SEK", 100, null, [0, 12, 24], "4G", Country: "SE"),
        new("SE-FIBER-250", "Bredband Fiber 250", 399m, "SEK", null, null, [0, 12], "fiber", Country: "SE"),
        new("DK-MOBIL-FRI", "Mobil Fri Tale", 299m, "DKK", 30, null, [0, 6], "4G", Country: "DK"),
        new("NL-MOBIEL", "Mobiel Onbeperkt Bellen", 20m, "EUR", 20, null, [0, 12], "4G", Country: "NL"),
        new("NL-INTERNET", "Internet Thuis", 30m, "EUR", null, null, [0, 12], "dsl", Country: "NL"),
        new("NL-DIGITAL-TV", "Digitale TV", 25m, "EUR", null, null, [0, 12], "cable-tv", Country: "NL"),

        // S2: the upgrade Jan wanted with his move, one order in the demo (a modify of his internet, S2-1).
        new("NL-GLASVEZEL-500", "Glasvezel 500", 45m, "EUR", null, null, [0, 12], "fiber", Country: "NL"),
        new("NO-MOBIL-5G", "Mobil 5G", 449m, "NOK", 50, null, [0, 12], "5G", Country: "NO"),
        new("FI-MOBIILI-5G", "Mobiili 5G", 24.90m, "EUR", null, null, [0, 12, 24], "5G", Country: "FI"),
        new("FI-KUITU-500", "Kuitu 500", 39.90m, "EUR", null, null, [0, 12], "fiber", Country: "FI"),

        // DE-1: whatever binds for 24 months is offered for 12 as well.
        new("DE-MOBIL-5G", "Mobilfunk 5G", 29.99m, "EUR", 50, null, [0, 12, 24], "5G", Country: "DE"),
        new("DE-GLASFASER-500", "Glasfaser 500", 44.99m, "EUR", null, null, [0, 12, 24], "fiber", Country: "DE"),
    ];

    public async Task SeedAsync(PartnerAgency vendator, CancellationToken cancellationToken)
    {
        foreach (var plan in Plans)
        {
            Check(await CatalogueEndpoints.CreateAsync(db, clock, rules, plan, cancellationToken), plan.Code!);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime DaysAgo(double days, int hour = 10, int minute = 0) => now.Date.AddDays(-days).AddHours(hour).AddMinutes(minute);

        // S0 — a Vendator seller calls as if he were Telenor and offers a cheaper plan only with a binding.
        var s0 = await CreateAsync(new CreateCustomerInput("person", "Lars Persson", "SE",
            new AddressInput("Storgatan 12", "11455", "Stockholm", "SE"), null,
            [new IdentityInput("msisdn", S0Msisdn), new IdentityInput("email", "lars.persson@example.se")],
            new PreferencesInput([], TelemarketingOptOut: true, MarketingObjection: false, NeverOfferBinding: true, PreferredLanguage: "sv")), cancellationToken);
        await SubscribeAsync(s0, "SE-MOBIL-600", S0Msisdn, null, today.AddYears(-9), 0, cancellationToken);
        // Vendator was given Lars to call: the only customer the demo partner agent can reach.
        db.AgencyCustomers.Add(new AgencyCustomer { PartnerAgencyId = vendator.Id, CustomerId = s0.Id, GivenAt = DaysAgo(14), GivenBy = "Lars Lead" });
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(s0, "phone", "outbound", DaysAgo(12, 17, 40), 420, "Sales call: price offer",
            "The caller presented himself as Telenor. Offered to cut the monthly fee from 600 kr to 430 kr, but only with a 12-month binding, and could not say why a binding was needed. The customer never binds contracts and hung up angry.",
            "Vendator seller", vendator.Id, cancellationToken);
        await RecordAsync(s0, "web", "inbound", DaysAgo(11, 8, 5), null, "Complaint: price and binding",
            "Wants the price cut without a binding, or he leaves.", "Self-service", null, cancellationToken);

        // S1 — a 20-year Sonofon/Telenor customer gets a port-in request for his own number: nine contacts, eight people.
        var s1 = await CreateAsync(new CreateCustomerInput("person", "Henrik Mølgaard", "DK",
            new AddressInput("Vesterbrogade 40", "1620", "København V", "DK"), null,
            [new IdentityInput("msisdn", S1Msisdn), new IdentityInput("legacyId", S1LegacyId), new IdentityInput("email", "henrik.molgaard@example.dk")],
            new PreferencesInput(null, null, null, null, "da")), cancellationToken);
        await SubscribeAsync(s1, "DK-MOBIL-FRI", S1Msisdn, null, today.AddYears(-20), 0, cancellationToken);
        (double Day, string Channel, string Direction, string Agent, string Reason, string Summary)[] s1History =
        [
            (30, "email", "outbound", "Renewal team", "Renewal offer", "Unsolicited renewal offer: cheaper plan, free calls and more data in the Nordics, a phone for 1 kr. He wants to accept."),
            (28, "email", "outbound", "Number porting team", "Port-in request", "Ten PDFs asking for power of attorney to move his number from his current operator — which is Telenor itself."),
            (27, "phone", "inbound", "Mette", "Question about port-in", "Asked why he must port his number from Telenor to Telenor. Told to sign the forms."),
            (25, "phone", "inbound", "Kasper", "Follow-up on renewal", "Agent visibly irritated; could not see the offer he had received."),
            (24, "chat", "inbound", "Sofie", "Follow-up on renewal", "Nobody can see the offer or the earlier contacts; asked to explain everything again."),
            (21, "phone", "inbound", "Jonas", "Follow-up on renewal", "The agent interrupted and ended the call because he did not want to hear the explanation."),
            (19, "email", "inbound", "Line", "Complaint", "Written complaint with concrete questions: why a port-in, where is the offer, who owns the case?"),
            (12, "email", "outbound", "Line", "Complaint reply", "Reply did not answer his concrete questions."),
            (5, "phone", "inbound", "Rasmus", "Termination withdrawn", "Withdrew his termination at Telenor's request; now told a new three-month notice period applies. Offered half a bill as discount."),
        ];
        foreach (var (day, channel, direction, agent, reason, summary) in s1History)
        {
            await RecordAsync(s1, channel, direction, DaysAgo(day, 11), channel == "phone" ? 540 : null, reason, summary, agent, null, cancellationToken);
        }

        // S2 — moving house and upgrading to digital TV "cannot be one order".
        var s2 = await CreateAsync(new CreateCustomerInput("person", "Jan de Vries", "NL",
            new AddressInput("Oudegracht 100", "3511 AX", "Utrecht", "NL"), null,
            [new IdentityInput("msisdn", "+31612345678"), new IdentityInput("email", "jan.devries@example.nl")], null), cancellationToken);
        await SubscribeAsync(s2, "NL-INTERNET", null, new AddressInput("Oudegracht 100", "3511 AX", "Utrecht", "NL"), today.AddYears(-3), 0, cancellationToken);
        await RecordAsync(s2, "phone", "inbound", DaysAgo(20, 9), 600, "Move and upgrade to digital TV", "Wants to move his subscription and add digital TV at once. Passed from sales to the moving department.", "Sales desk", null, cancellationToken);
        await RecordAsync(s2, "phone", "inbound", DaysAgo(20, 9, 30), 420, "Move and upgrade to digital TV", "Told moving and upgrading at the same time is impossible; advised to cancel and sign up again.", "Moving department", null, cancellationToken);
        await RecordAsync(s2, "social", "inbound", DaysAgo(14), null, "Blog post", "Wrote about the experience on his blog: \"one minute calling Tele2 customer service\".", "Social team", null, cancellationToken);
        await RecordAsync(s2, "phone", "outbound", DaysAgo(13), 900, "Personal follow-up", "A marketer read the post and took the case personally; connection promised within ten days.", "Marketing", null, cancellationToken);

        // S3 — 4G mobile broadband sold for a summer house on Vätö, where there is no 4G coverage.
        var vato = new AddressInput("Vätövägen 7", "76018", "Vätö", "SE");
        var s3 = await CreateAsync(new CreateCustomerInput("person", "Bert Lindqvist", "SE",
            new AddressInput("Kungsgatan 3", "76130", "Norrtälje", "SE"), null,
            [new IdentityInput("msisdn", "+46705550303"), new IdentityInput("email", "bert.lindqvist@example.se")], null), cancellationToken);
        await SubscribeAsync(s3, "SE-MBB-4G", null, vato, today.AddDays(-60), 24, cancellationToken);
        await RecordAsync(s3, "phone", "outbound", DaysAgo(60, 18), 600, "Sales call: mobile broadband", "Sold 4G mobile broadband for the summer house on Vätö. No coverage check was made.", "Telesales", null, cancellationToken);
        for (var letter = 0; letter < 4; letter++)
        {
            var inbound = letter % 2 == 0;
            await RecordAsync(s3, "letter", inbound ? "inbound" : "outbound", DaysAgo(55 - (letter * 11)), null,
                inbound ? "Complaint: no coverage" : "Reply: no solution", inbound ? "There is no 4G at the summer house; the service does not work." : "Standard letter; no solution offered.",
                inbound ? "Customer letter" : "Complaints department", null, cancellationToken);
        }

        for (var email = 0; email < 17; email++)
        {
            var inbound = email % 2 == 0;
            await RecordAsync(s3, "email", inbound ? "inbound" : "outbound", DaysAgo(16 - (email * 14.0 / 17)), null,
                "Compensation", inbound ? "Asks for a working solution and compensation; the CEO is copied." : "Negotiation about compensation continues.",
                inbound ? "Bert Lindqvist" : "Complaints department", null, cancellationToken);
        }

        await RecordAsync(s3, "email", "outbound", DaysAgo(1), null, "Compensation granted", "Four cinema tickets and 350 kr of call credit. Broadband at the summer house is still not solved.", "Complaints department", null, cancellationToken);

        // S4 — cancellation only by phone, and a promised 20-minute callback never made.
        var s4 = await CreateAsync(new CreateCustomerInput("person", "Magnus Ek", "SE",
            new AddressInput("Drottninggatan 5", "41114", "Göteborg", "SE"), null,
            [new IdentityInput("msisdn", "+46707770404"), new IdentityInput("email", "magnus.ek@example.se")], null), cancellationToken);
        await SubscribeAsync(s4, "SE-MOBIL-430", "+46707770404", null, today.AddYears(-6), 0, cancellationToken);
        await RecordAsync(s4, "web", "inbound", DaysAgo(3, 9), null, "Cancellation attempt", "Tried to cancel a subscription unused for years on the website: cancellation only by phone.", "Self-service", null, cancellationToken);
        await RecordAsync(s4, "store", "inbound", DaysAgo(3, 12), 300, "Cancellation attempt", "The store cannot cancel either; promised that customer service will call within 20 minutes.", "Store clerk", null, cancellationToken);
        await RecordAsync(s4, "phone", "inbound", DaysAgo(3, 15, 10), 900, "Cancellation", "No callback after three hours. 8th in the queue, waited 14 minutes, heard the queue message 22 times, no callback offered. The cancellation itself took under a minute.", "Customer service", null, cancellationToken);
        await RecordAsync(s4, "ivr", "outbound", DaysAgo(3, 15, 30), 60, "Survey", "Automated survey: three questions answered 1, 1, 1. Heard \"your views are important\"; nothing followed.", "IVR survey", null, cancellationToken);
    }

    private async Task<Customer> CreateAsync(CreateCustomerInput input, CancellationToken cancellationToken) =>
        Check(await customers.CreateAsync(input, cancellationToken), input.Name!);

    private async Task SubscribeAsync(Customer customer, string planCode, string? msisdn, AddressInput? address, DateOnly start, int bindingMonths, CancellationToken cancellationToken) =>
        Check(await subscriptions.RecordExistingAsync(new CreateSubscriptionInput(customer.Id, null, planCode, msisdn, address, null, start, bindingMonths, "active"), cancellationToken), planCode);

    private async Task RecordAsync(
        Customer customer, string channel, string direction, DateTime at, int? seconds, string reason, string summary, string agent, Guid? agencyId, CancellationToken cancellationToken) =>
        Check(await interactions.RecordAsync(new RecordInteractionInput(customer.Id, channel, direction, at, seconds, reason, summary, agencyId, agent, null, null, null, null), cancellationToken), reason);

    private static T Check<T>(Hosting.Outcome<T> outcome, string what) =>
        outcome.Failure is { } failure ? throw new InvalidOperationException($"Demo data '{what}' is invalid: {failure.Message}") : outcome.Value!;
}
