using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Coverage;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// Orders replayed through /api/orders on the demo customers of the stories: S1-1 (Henrik is sent a port-in for his own
/// number), S2-1/S2-2 (Jan moves, upgrades and adds TV in one order instead of cancelling and re-subscribing) and S3-1
/// (4G broadband ordered for Bert's summer house on Vätö, where there is no 4G), plus bad input that changes nothing.
/// </summary>
public abstract class OrderScenarios(TouchpointApp app) : ApiTestBase(app)
{
    /// <summary>Henrik Mølgaard (S1): his number and his Sonofon-era customer number.</summary>
    private const string S1Msisdn = "+4520550101";
    private const string S1LegacyId = "sonofon:19960042";

    /// <summary>Jan de Vries (S2) and Bert Lindqvist (S3).</summary>
    private const string S2Msisdn = "+31612345678";
    private const string S3Msisdn = "+46705550303";

    private static readonly int[] BindingOptions = [0, 12];

    private static readonly object JansNewHome = new { street = "Langestraat 12", postalCode = "3811 AB", city = "Amersfoort", country = "NL" };
    private static readonly object BertsSummerHouse = new { street = "Vätövägen 7", postalCode = "76018", city = "Vätö", country = "SE" };

    [Fact]
    public async Task A_Finnish_customers_order_is_confirmed_in_Finnish_with_her_clock_and_euros()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var aino = await agent.CreateCustomerAsync("Aino Virtanen", "FI");
        var number = $"+35840{Random.Shared.Next(1_000_000, 9_999_999)}";
        var newNumber = $"+35850{Random.Shared.Next(1_000_000, 9_999_999)}";

        using var placed = await PostAsync(agent, "/api/orders", new
        {
            customerId = aino,
            items = new object[]
            {
                new { id = "1", action = "add", planCode = "FI-MOBIILI-5G", msisdn = newNumber, bindingMonths = 12, bindingConsent = true },
                new { id = "2", action = "add", planCode = "FI-MOBIILI-5G", portInMsisdn = number, donorOperator = "Elisa" },
            },
        });
        await HttpAssert.JsonAsync(placed, HttpStatusCode.Created);

        var confirmation = Assert.Single(await agent.MessagesAsync(aino), m => ContractStory.Purpose(m) == "orderConfirmation");
        Assert.Equal("Olemme vastaanottaneet tilauksesi", confirmation.GetProperty("subject").GetString());
        var helsinki = TimeZoneInfo.ConvertTimeFromUtc(App.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki"));
        var finnish = CultureInfo.GetCultureInfo("fi-FI");
        Assert.Equal(
            $"Vastaanotimme tilauksesi {helsinki.ToString("d. MMMM yyyy", finnish)} klo {helsinki.ToString("H.mm", finnish)} (Suomen aikaa): " +
            "uusi liittymä, Mobiili 5G hintaan 24,90 € kuukaudessa, määräaikainen 12 kuukautta; " +
            $"numerosi {number} siirto meille, liittymänä Mobiili 5G hintaan 24,90 € kuukaudessa, toistaiseksi voimassa. " +
            "Kerromme sinulle, kun tilaus on valmis.",
            confirmation.GetProperty("content").GetString()!.Replace('\u00A0', ' ').Replace('\u202F', ' '));
        Assert.Empty(EnglishLeaks.In(confirmation.GetProperty("content").GetString()!, "fi"));
    }

    [Fact]
    public async Task S1_1_a_port_in_of_henriks_own_number_under_his_sonofon_id_is_refused_as_already_his_and_a_renewal_is_offered_instead()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var henrik = await FindCustomerAsync(agent, S1Msisdn);
        var subscriptionsBefore = await SubscriptionsAsync(agent, henrik);

        // The sales side knows him only by his old Sonofon customer number, and writes the number the Danish way.
        using var response = await PostAsync(agent, "/api/orders", new
        {
            customerIdentity = S1LegacyId,
            items = new object[] { new { id = "1", action = "add", planCode = "DK-MOBIL-FRI", portInMsisdn = "20 55 01 01", donorOperator = "Telenor" } },
        });

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(
            "The number +4520550101 is already yours with us, so there is nothing to port in (TP-4). A renewal of that subscription is offered instead.",
            problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("items[0].portInMsisdn", out _), problem.ToString());
        Assert.Equal(("TP-4", "alreadyYours", "1"), (problem.GetProperty("ruleId").GetString(), problem.GetProperty("portIn").GetString(), problem.GetProperty("itemId").GetString()));

        // What he most likely wanted is on his timeline, with its terms, for the next agent to see (S1-2); and so is the refusal.
        var offer = Assert.Single(await TimelineAsync(agent, henrik, "offer"));
        Assert.Equal("Renewal offer: keep +4520550101 on a renewed Mobil Fri Tale", offer.GetProperty("title").GetString());
        Assert.Contains("State: offered.", offer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("without porting and without a new binding", offer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(subscriptionsBefore.Single().GetProperty("id").GetString(), offer.GetProperty("sourceId").GetString());
        var refusal = Assert.Single(await TimelineAsync(agent, henrik, "order"));
        Assert.Equal("Order refused: port-in of +4520550101", refusal.GetProperty("title").GetString());

        // Nothing else changed: no order, no second subscription.
        Assert.Empty(await OrdersAsync(agent, henrik));
        Assert.Equal(subscriptionsBefore.Count, (await SubscriptionsAsync(agent, henrik)).Count);
    }

    [Fact]
    public async Task A_port_in_of_a_number_we_serve_for_someone_else_is_refused_without_saying_whose_and_a_free_number_is_ported_in()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var henrik = await FindCustomerAsync(agent, S1Msisdn);
        var stranger = await CreateCustomerAsync(agent, "DK");
        var henriksTimeline = (await TimelineAsync(agent, henrik, null)).Count;

        using var refused = await PostAsync(agent, "/api/orders", new
        {
            customerId = stranger,
            items = new object[] { new { id = "1", action = "add", planCode = "DK-MOBIL-FRI", portInMsisdn = S1Msisdn, donorOperator = "Telia" } },
        });
        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Equal("The number +4520550101 cannot be ported in: it is already served by this operator. Only the number's holder can move it to another subscription.", detail);
        Assert.DoesNotContain("Henrik", problem.ToString(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("renewalOfferFor", out _));
        Assert.Equal(henriksTimeline, (await TimelineAsync(agent, henrik, null)).Count);
        Assert.Empty(await TimelineAsync(agent, stranger, "offer"));

        var free = $"+4521{Random.Shared.Next(100_000, 999_999)}";
        using var placed = await PostAsync(agent, "/api/orders", new
        {
            customerId = stranger,
            items = new object[] { new { id = "1", action = "add", planCode = "DK-MOBIL-FRI", portInMsisdn = free, donorOperator = "Telia" } },
        });
        var order = await HttpAssert.JsonAsync(placed, HttpStatusCode.Created);
        Assert.Equal("completed", order.GetProperty("state").GetString());
        var item = order.GetProperty("items")[0];
        Assert.Equal((free, "Telia", "completed"), (item.GetProperty("portInMsisdn").GetString(), item.GetProperty("donorOperator").GetString(), item.GetProperty("state").GetString()));
        var subscription = Assert.Single(await SubscriptionsAsync(agent, stranger));
        Assert.Equal((free, item.GetProperty("subscriptionId").GetString()), (subscription.GetProperty("msisdn").GetString(), subscription.GetProperty("id").GetString()));
        Assert.Contains(await TimelineAsync(agent, stranger, "subscriptionChange"),
            e => e.GetProperty("title").GetString() == $"Number {free} ported in from Telia; subscription Mobil Fri Tale started");
    }

    [Fact]
    public async Task S2_1_jan_moves_upgrades_and_adds_tv_in_one_order_that_completes_as_a_whole_on_the_same_subscription()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var jan = await FindCustomerAsync(agent, S2Msisdn);
        var upgrade = await CreatePlanAsync("fiber", "EUR");
        await SetCoverageAsync("NL", "3811 AB", "fiber,cable-tv,dsl");
        var internet = Assert.Single(await SubscriptionsAsync(agent, jan), s => s.GetProperty("planCode").GetString() == "NL-INTERNET");
        var internetId = internet.GetProperty("id").GetString()!;
        var bindingBefore = internet.GetProperty("bindingEndDate").ToString();

        using var response = await PostAsync(agent, "/api/orders", new
        {
            customerId = jan,
            description = "Moving to Amersfoort: move, faster internet and digital TV at once",
            items = new object[]
            {
                new { id = "move", action = "modify", subscriptionId = internetId, planCode = upgrade, serviceAddress = JansNewHome },
                new { id = "tv", action = "add", planCode = "NL-DIGITAL-TV", serviceAddress = JansNewHome, relationships = new[] { new { itemId = "move", type = "reliesOn" } } },
            },
        });

        var order = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/orders/{order.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        Assert.Equal("completed", order.GetProperty("state").GetString());
        Assert.All(order.GetProperty("items").EnumerateArray(), i => Assert.Equal("completed", i.GetProperty("state").GetString()));
        var tvItem = order.GetProperty("items")[1];
        Assert.Equal("reliesOn", tvItem.GetProperty("relationships")[0].GetProperty("type").GetString());

        // S2-2: the same subscription — same id, same binding — now on the new plan at the new address, and TV beside it.
        var after = await SubscriptionsAsync(agent, jan);
        var moved = Assert.Single(after, s => s.GetProperty("id").GetString() == internetId);
        Assert.Equal((upgrade, "active"), (moved.GetProperty("planCode").GetString(), moved.GetProperty("status").GetString()));
        Assert.Equal("Amersfoort", moved.GetProperty("serviceAddress").GetProperty("city").GetString());
        Assert.Equal(bindingBefore, moved.GetProperty("bindingEndDate").ToString());
        var tv = Assert.Single(after, s => s.GetProperty("planCode").GetString() == "NL-DIGITAL-TV");
        Assert.Equal(tvItem.GetProperty("subscriptionId").GetString(), tv.GetProperty("id").GetString());
        Assert.Equal("3811 AB", tv.GetProperty("serviceAddress").GetProperty("postalCode").GetString());

        var orderEntries = (await TimelineAsync(agent, jan, "order")).Select(e => e.GetProperty("title").GetString()!).ToList();
        Assert.Contains($"Order completed: move to Langestraat 12, 3811 AB Amersfoort and plan change to Plan {upgrade}, new Digitale TV", orderEntries);
        Assert.Contains($"Order placed: move to Langestraat 12, 3811 AB Amersfoort and plan change to Plan {upgrade}, new Digitale TV", orderEntries);
        // Read in English the entries say what was stored; read in Swedish, the same facts in Swedish words.
        Assert.Equal(orderEntries, (await TimelineAsync(agent, jan, "order")).Select(e => e.GetProperty("text").GetString()!));
        Assert.Contains($"Order klar: flytt till Langestraat 12, 3811 AB Amersfoort och byte till Plan {upgrade}, nytt abonnemang Digitale TV",
            (await TimelineAsync(agent, jan, "order&language=sv")).Select(e => e.GetProperty("text").GetString()!));
        var changes = (await TimelineAsync(agent, jan, "subscriptionChange")).Select(e => e.GetProperty("title").GetString()!).ToList();
        Assert.Contains("Moved from Oudegracht 100, 3511 AX Utrecht to Langestraat 12, 3811 AB Amersfoort", changes);
        Assert.Contains($"Plan changed: Internet Thuis → Plan {upgrade}", changes);
        Assert.Contains("Subscription Digitale TV started", changes);

        var listed = Assert.Single(await OrdersAsync(agent, jan));
        Assert.Equal(order.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
    }

    [Fact]
    public async Task S2_2_cancelling_and_subscribing_again_is_refused_with_the_modify_path_and_nothing_changes()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customer, subscription) = await CustomerWithBroadbandAsync(agent, bindingMonths: 12);
        var upgrade = await CreatePlanAsync("fiber", "EUR");

        using var response = await PostAsync(agent, "/api/orders", new
        {
            customerId = customer,
            items = new object[]
            {
                new { id = "1", action = "delete", subscriptionId = subscription },
                new { id = "2", action = "add", planCode = upgrade, serviceAddress = JansNewHome },
            },
        });

        var problem = await HttpAssert.ValidationProblemAsync(response, "items[0].action");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("No change needs cancelling and subscribing again (S2-2)", detail, StringComparison.Ordinal);
        Assert.Contains($"\"action\": \"modify\", \"subscriptionId\": \"{subscription}\", \"planCode\": \"{upgrade}\"", detail, StringComparison.Ordinal);
        var unchanged = Assert.Single(await SubscriptionsAsync(agent, customer));
        Assert.Equal("active", unchanged.GetProperty("status").GetString());
        Assert.Empty(await OrdersAsync(agent, customer));

        // The path offered: one modify. The binding end stays what it was (EU-107), the price follows the new plan.
        var bindingEnd = unchanged.GetProperty("bindingEndDate").GetString();
        using var modified = await PostAsync(agent, "/api/orders", new
        {
            customerId = customer,
            items = new object[] { new { id = "1", action = "modify", subscriptionId = subscription, planCode = upgrade } },
        });
        var order = await HttpAssert.JsonAsync(modified, HttpStatusCode.Created);
        Assert.Equal("completed", order.GetProperty("state").GetString());
        Assert.Contains($"Binding kept: until {bindingEnd} (EU-107).", order.GetProperty("items")[0].GetProperty("outcome").GetString(), StringComparison.Ordinal);
        var changed = Assert.Single(await SubscriptionsAsync(agent, customer));
        Assert.Equal((subscription, upgrade, bindingEnd), (changed.GetProperty("id").GetString(), changed.GetProperty("planCode").GetString(), changed.GetProperty("bindingEndDate").GetString()));

        // A new binding only with the customer's explicit consent.
        using var bound = await PostAsync(agent, "/api/orders", new
        {
            customerId = customer,
            items = new object[] { new { id = "1", action = "modify", subscriptionId = subscription, bindingMonths = 12 } },
        });
        Assert.Contains("EU-107", (await HttpAssert.ValidationProblemAsync(bound, "items[0].bindingConsent")).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_1_an_order_for_4g_at_vato_is_blocked_with_the_reason_and_the_alternatives_and_nothing_changes()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var bert = await FindCustomerAsync(agent, S3Msisdn);
        await SetCoverageAsync("SE", "76018", "fiber", "Vätö");
        var before = await SubscriptionsAsync(agent, bert);

        using var response = await PostAsync(agent, "/api/orders", new
        {
            customerId = bert,
            items = new object[] { new { id = "mbb", action = "add", planCode = "SE-MBB-4G", serviceAddress = BertsSummerHouse } },
        });

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items[0]", out _), problem.ToString());
        Assert.Equal(("mbb", "4G", "alternate"), (problem.GetProperty("itemId").GetString(), problem.GetProperty("technology").GetString(), problem.GetProperty("qualificationResult").GetString()));
        Assert.Equal(["fiber"], problem.GetProperty("alternatives").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Contains("SE-FIBER-250", problem.GetProperty("alternativePlans").EnumerateArray().Select(a => a.GetString()!));
        Assert.Equal("The new Mobilt bredband 4G cannot be delivered: There is no 4G coverage at Vätövägen 7, 760 18 Vätö. Available there: fiber.",
            problem.GetProperty("detail").GetString());

        Assert.Equal(before.Count, (await SubscriptionsAsync(agent, bert)).Count);
        Assert.Empty(await OrdersAsync(agent, bert));
        var refusal = Assert.Single(await TimelineAsync(agent, bert, "order"));
        Assert.Equal("Order refused: new Mobilt bredband 4G", refusal.GetProperty("title").GetString());

        // What is available there can be ordered.
        using var fiber = await PostAsync(agent, "/api/orders", new
        {
            customerId = bert,
            items = new object[] { new { id = "fiber", action = "add", planCode = "SE-FIBER-250", serviceAddress = BertsSummerHouse } },
        });
        Assert.Equal("completed", (await HttpAssert.JsonAsync(fiber, HttpStatusCode.Created)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_item_for_an_unknown_subscription_or_another_customers_is_a_400_naming_it_and_nothing_changes()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customer, _) = await CustomerWithBroadbandAsync(agent, bindingMonths: 0);
        var (other, othersSubscription) = await CustomerWithBroadbandAsync(agent, bindingMonths: 0);
        var unknown = Guid.NewGuid();

        using var unknownResponse = await PostAsync(agent, "/api/orders", new
        {
            customerId = customer,
            items = new object[] { new { id = "1", action = "modify", subscriptionId = unknown, planCode = "NL-INTERNET" } },
        });
        Assert.Equal($"There is no subscription with id '{unknown}'.",
            (await HttpAssert.ValidationProblemAsync(unknownResponse, "items[0].subscriptionId")).GetProperty("detail").GetString());

        using var othersResponse = await PostAsync(agent, "/api/orders", new
        {
            customerId = customer,
            items = new object[]
            {
                new { id = "tv", action = "add", planCode = "NL-DIGITAL-TV", serviceAddress = JansNewHome },
                new { id = "2", action = "delete", subscriptionId = othersSubscription },
            },
        });
        Assert.Equal($"Subscription {othersSubscription} is not one of this customer's.",
            (await HttpAssert.ValidationProblemAsync(othersResponse, "items[1].subscriptionId")).GetProperty("detail").GetString());

        using var noCustomer = await PostAsync(agent, "/api/orders", new { customerIdentity = "nobody@example.invalid", items = new object[] { new { id = "1", action = "add", planCode = "NL-INTERNET" } } });
        await HttpAssert.ValidationProblemAsync(noCustomer, "customerIdentity");
        using var badAction = await PostAsync(agent, "/api/orders", new { customerId = customer, items = new object[] { new { id = "1", action = "replace" } } });
        await HttpAssert.ValidationProblemAsync(badAction, "items[0].action");
        using var badPlan = await PostAsync(agent, "/api/orders", new { customerId = customer, items = new object[] { new { id = "1", action = "add", planCode = "NO-SUCH-PLAN" } } });
        await HttpAssert.ValidationProblemAsync(badPlan, "items[0].planCode");

        // Nothing changed for either customer: one active subscription each, no orders, no TV.
        foreach (var who in new[] { customer, other })
        {
            Assert.Equal("active", Assert.Single(await SubscriptionsAsync(agent, who)).GetProperty("status").GetString());
            Assert.Empty(await OrdersAsync(agent, who));
        }
    }

    [Fact]
    public async Task A_port_out_ends_the_subscription_on_the_porting_date_and_the_number_stays_portable_a_month()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customer = await CreateCustomerAsync(agent, "DK");
        var msisdn = $"+4522{Random.Shared.Next(100_000, 999_999)}";
        using var created = await PostAsync(agent, "/api/subscriptions", new { customerId = customer, planCode = "DK-MOBIL-FRI", msisdn });
        var subscription = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var today = DateOnly.FromDateTime(App.UtcNow);

        using var response = await PostAsync(agent, "/api/orders", new
        {
            customerId = customer,
            items = new object[]
            {
                new
                {
                    id = "1", action = "delete", subscriptionId = subscription, portOut = true, portingDate = today, recipientOperator = "3 Danmark",
                    // EU-106-6: on 3 Danmark's porting request, carrying the customer's number with us and their name.
                    portingRequest = new { requestedBy = "recipientOperator", reference = "3DK-20931", customerNumber = customer, customerName = "Order Customer DK" },
                },
            },
        });

        var order = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("completed", order.GetProperty("state").GetString());
        var item = order.GetProperty("items")[0];
        Assert.Equal(Iso(today), item.GetProperty("portingDate").GetString());
        Assert.Equal(Iso(today), item.GetProperty("terminationDate").GetString());
        Assert.Equal(Iso(today.AddMonths(1)), item.GetProperty("portableUntil").GetString());
        Assert.Equal("terminated", Assert.Single(await SubscriptionsAsync(agent, customer)).GetProperty("status").GetString());
        Assert.Contains(await TimelineAsync(agent, customer, "subscriptionChange"),
            e => e.GetProperty("title").GetString() == $"Number {msisdn} ported out to 3 Danmark; Mobil Fri Tale ended"
                 && e.GetProperty("detail").GetString()!.Contains($"stays portable until {Iso(today.AddMonths(1))} (EU-106-2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_for_a_later_date_waits_can_be_cancelled_and_one_whose_subscription_ended_meanwhile_fails_with_nothing_applied()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customer, subscription) = await CustomerWithBroadbandAsync(agent, bindingMonths: 0);
        var upgrade = await CreatePlanAsync("fiber", "EUR");
        var later = new DateTimeOffset(App.UtcNow).AddDays(10);
        object Upgrade() => new
        {
            customerId = customer,
            requestedStartDate = later,
            items = new object[]
            {
                new { id = "up", action = "modify", subscriptionId = subscription, planCode = upgrade },
                new { id = "tv", action = "add", planCode = "NL-DIGITAL-TV", serviceAddress = JansNewHome },
            },
        };

        using var first = await PostAsync(agent, "/api/orders", Upgrade());
        var waiting = await HttpAssert.JsonAsync(first, HttpStatusCode.Created);
        var firstId = waiting.GetProperty("id").GetString()!;
        Assert.Equal("acknowledged", waiting.GetProperty("state").GetString());
        Assert.Equal("NL-INTERNET", Assert.Single(await SubscriptionsAsync(agent, customer)).GetProperty("planCode").GetString());

        using var cancelled = await PostAsync(agent, $"/api/orders/{firstId}/cancel", new { reason = "Customer changed his mind" });
        var cancelledOrder = await HttpAssert.JsonAsync(cancelled);
        Assert.Equal(("cancelled", "Customer changed his mind"), (cancelledOrder.GetProperty("state").GetString(), cancelledOrder.GetProperty("cancellationReason").GetString()));
        using var again = await PostAsync(agent, $"/api/orders/{firstId}/cancel", new { });
        Assert.Contains("cancelled is final", (await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var second = await PostAsync(agent, "/api/orders", Upgrade());
        var secondId = (await HttpAssert.JsonAsync(second, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using var ended = await PostAsync(agent, "/api/orders", new { customerId = customer, items = new object[] { new { id = "end", action = "delete", subscriptionId = subscription } } });
        Assert.Equal("completed", (await HttpAssert.JsonAsync(ended, HttpStatusCode.Created)).GetProperty("state").GetString());

        // Its day comes (the date is moved to now): the subscription it changes is gone, so none of it is done — not even the TV.
        await App.WithDbContextAsync(async db =>
        {
            await db.ProductOrders.Where(o => o.Id == Guid.Parse(secondId)).ExecuteUpdateAsync(o => o.SetProperty(x => x.DueAt, App.UtcNow.AddMinutes(-1)), Cancel);
            return 0;
        });
        await App.RunDueWorkAsync();
        using var failedResponse = await agent.GetAsync($"/api/orders/{secondId}", Cancel);
        var failed = await HttpAssert.JsonAsync(failedResponse);
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.All(failed.GetProperty("items").EnumerateArray(), i => Assert.Equal("failed", i.GetProperty("state").GetString()));
        Assert.Contains("is terminated", failed.GetProperty("failureReason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await SubscriptionsAsync(agent, customer), s => s.GetProperty("planCode").GetString() == "NL-DIGITAL-TV");
        Assert.Contains(await TimelineAsync(agent, customer, "order"), e => e.GetProperty("title").GetString()!.StartsWith("Order failed:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_plans_of_the_customers_country_and_currency_are_sold_to_them()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customer, subscription) = await CustomerWithBroadbandAsync(agent, bindingMonths: 0);

        // A Danish plan in kroner for a Dutch customer, as a plan change and as an add.
        using var kroner = await PostAsync(agent, "/api/orders", new { customerId = customer, items = new object[] { new { id = "1", action = "add", planCode = "DK-MOBIL-FRI", msisdn = "+31612340000" } } });
        Assert.Equal("DK-MOBIL-FRI is sold in DK in DKK; a customer of NL is offered the plans of NL, in EUR.",
            (await HttpAssert.ValidationProblemAsync(kroner, "items[0].planCode")).GetProperty("detail").GetString());

        using var kronerChange = await PostAsync(agent, "/api/orders", new { customerId = customer, items = new object[] { new { id = "1", action = "modify", subscriptionId = subscription, planCode = "NO-MOBIL-5G" } } });
        await HttpAssert.ValidationProblemAsync(kronerChange, "items[0].planCode");

        // Several countries share the euro, so a plan names where it is sold, in that country's currency.
        using var admin = await App.CreateAdminClientAsync();
        using var mismatched = await admin.PostAsJsonAsync("/api/plans",
            new { code = $"DK-EUR-{Guid.NewGuid():N}"[..16], name = "Fiber i euro", monthlyPrice = 40m, currency = "EUR", country = "DK", technology = "fiber" }, Cancel);
        Assert.Equal("A plan sold in DK is priced in DKK.", (await HttpAssert.ValidationProblemAsync(mismatched, "currency")).GetProperty("detail").GetString());

        Assert.Empty(await OrdersAsync(agent, customer));
        Assert.Equal("NL-INTERNET", Assert.Single(await SubscriptionsAsync(agent, customer)).GetProperty("planCode").GetString());
    }

    // ---- helpers ----

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body, Cancel);

    private async Task<string> CreatePlanAsync(string technology, string currency)
    {
        var code = $"ORD-{Guid.NewGuid():N}"[..16];
        using var admin = await App.CreateAdminClientAsync();
        using var response = await admin.PostAsJsonAsync("/api/plans",
            new { code, name = $"Plan {code}", monthlyPrice = 45m, currency, bindingOptions = BindingOptions, technology }, Cancel);
        await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return code;
    }

    /// <summary>Coverage of one postcode, as an import would leave it (the import itself is the coverage feature's).</summary>
    private async Task SetCoverageAsync(string country, string postalCode, string technologies, string? placeName = null) =>
        await App.WithDbContextAsync(async db =>
        {
            Assert.True(PostalCodes.TryNormalize(Jurisdictions.TryParse(country, out var jurisdiction, out _) ? jurisdiction : default, postalCode, out var key, out var error), error);
            var area = await db.CoverageAreas.FirstOrDefaultAsync(a => a.Country == country && a.PostalCode == key, Cancel);
            if (area is null)
            {
                db.CoverageAreas.Add(new CoverageArea { Country = country, PostalCode = key, Technologies = technologies, PlaceName = placeName, Source = "test", ImportedAt = App.UtcNow });
            }
            else
            {
                area.Technologies = technologies;
            }

            return await db.SaveChangesAsync(Cancel);
        });

    /// <summary>A Dutch customer with broadband at Jan's old address (covered), bound for <paramref name="bindingMonths"/>.</summary>
    private async Task<(string Customer, string Subscription)> CustomerWithBroadbandAsync(HttpClient agent, int bindingMonths)
    {
        await SetCoverageAsync("NL", "3511 AX", "dsl,cable-tv,fiber");
        await SetCoverageAsync("NL", "3811 AB", "fiber,cable-tv,dsl");
        var customer = await CreateCustomerAsync(agent, "NL");
        using var created = await PostAsync(agent, "/api/subscriptions", new
        {
            customerId = customer, planCode = "NL-INTERNET", bindingMonths,
            serviceAddress = new { street = "Oudegracht 100", postalCode = "3511 AX", city = "Utrecht", country = "NL" },
        });
        return (customer, (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!);
    }

    private static async Task<string> CreateCustomerAsync(HttpClient client, string jurisdiction)
    {
        using var response = await PostAsync(client, "/api/customers", new
        {
            name = $"Order Customer {jurisdiction}", jurisdiction,
            identities = new[] { new { kind = "email", value = $"order.{Guid.NewGuid():N}@example.com" } },
        });
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> FindCustomerAsync(HttpClient client, string identity)
    {
        using var response = await client.GetAsync($"/api/customers?q={Uri.EscapeDataString(identity)}", Cancel);
        return Assert.Single((await HttpAssert.JsonAsync(response)).EnumerateArray(), h => h.GetProperty("exactIdentityMatch").GetBoolean()).GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> SubscriptionsAsync(HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("subscriptions").EnumerateArray().ToList();
    }

    private static async Task<List<JsonElement>> OrdersAsync(HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/orders?customerId={customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).EnumerateArray().ToList();
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, string customerId, string? kind)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?limit=200{(kind is null ? "" : $"&kind={kind}")}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class OrderScenariosOnSqlite(SqliteApp app) : OrderScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class OrderScenariosOnPostgres(PostgresApp app) : OrderScenarios(app), IClassFixture<PostgresApp>;
