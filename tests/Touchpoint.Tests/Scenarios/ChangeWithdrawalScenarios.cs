using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// CRD-9 for a change sold on its own, replayed through the public HTTP API on a fake clock: Magnus (six years on
/// Mobil 430, first sold long ago) is upgraded by phone to Mobil Fast 600 with a 12-month binding. Within 14 days he may
/// withdraw the upgrade alone — the old plan, price and binding come back and the line stays; on day 15 the law says no.
/// Also: a change agreed in a store, an add-on sold on the web, TMF622's sales channel and the self-service page.
/// Each test moves time, so each has an app of its own.
/// </summary>
public abstract partial class ChangeWithdrawalScenarios(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CRD_9_a_phone_sold_upgrade_withdrawn_on_day_10_restores_the_old_plan_price_and_binding_and_keeps_the_line()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(ContractStory.MagnusMsisdn);
        var line = Assert.Single(await story.SubscriptionsAsync(magnus));
        var lineId = line.GetProperty("id").GetString()!;
        Assert.Equal(("SE-MOBIL-430", 430m, JsonValueKind.Null), (line.GetProperty("planCode").GetString(), line.GetProperty("monthlyPrice").GetDecimal(), line.GetProperty("bindingEndDate").ValueKind));

        var order = await story.PlaceOrderAsync(new
        {
            customerId = magnus,
            soldVia = "phone",
            items = new object[] { new { id = "upgrade", action = "modify", subscriptionId = lineId, planCode = "SE-MOBIL-600", bindingMonths = 12, bindingConsent = true } },
        });
        var item = order.GetProperty("items")[0];
        var sale = item.GetProperty("sale");
        Assert.Equal(("phone", "Anna Agent", true), (sale.GetProperty("soldVia").GetString(), sale.GetProperty("soldByName").GetString(), sale.GetProperty("withdrawalInformationGiven").GetBoolean()));
        Assert.Equal(story.Now, sale.GetProperty("soldAt").GetDateTime().ToUniversalTime());
        Assert.Equal(430m, item.GetProperty("previousTerms").GetProperty("monthlyPrice").GetDecimal());
        var upgraded = await story.SubscriptionAsync(magnus, lineId);
        Assert.Equal(("SE-MOBIL-600", 600m, ContractStory.Iso(story.Today.AddMonths(12))),
            (upgraded.GetProperty("planCode").GetString(), upgraded.GetProperty("monthlyPrice").GetDecimal(), upgraded.GetProperty("bindingEndDate").GetString()));

        // Day 10: the subscription itself, first sold six years ago, has no withdrawal right left; the upgrade has its own.
        story.AtDay(10);
        var choices = await story.ChoicesAsync(lineId);
        Assert.False(choices.GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());
        var change = Assert.Single(choices.GetProperty("changes").EnumerateArray());
        var changeId = change.GetProperty("changeId").GetString()!;

        // Asking to withdraw the subscription itself is refused by its first sale, and the answer points to the change.
        using (var whole = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/withdrawal", new { channel = "phone" }, Cancel))
        {
            var refused = await HttpAssert.ProblemAsync(whole, HttpStatusCode.Conflict);
            Assert.Contains("A change of it can still be withdrawn on its own: the plan change to Mobil Fast 600", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal([changeId], refused.GetProperty("openChanges").EnumerateArray().Select(c => c.GetString()));
        }

        Assert.True(change.GetProperty("isOpen").GetBoolean());
        Assert.Equal(["CRD-9"], ContractStory.Rules(change));
        Assert.Equal(ContractStory.Iso(DateOnly.FromDateTime(story.Start).AddDays(14)), change.GetProperty("openUntil").GetString());
        Assert.Equal(("phone", "plan change to Mobil Fast 600"), (change.GetProperty("soldVia").GetString(), change.GetProperty("description").GetString()));
        var restores = change.GetProperty("restores");
        Assert.Equal(("SE-MOBIL-430", 430m, JsonValueKind.Null), (restores.GetProperty("planCode").GetString(), restores.GetProperty("monthlyPrice").GetDecimal(), restores.GetProperty("bindingEndDate").ValueKind));

        using var response = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/withdrawal", new { channel = "phone", change = changeId }, Cancel);
        var withdrawal = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(("changeWithdrawal", "completed", changeId), (withdrawal.GetProperty("kind").GetString(), withdrawal.GetProperty("state").GetString(), withdrawal.GetProperty("orderItemId").GetString()));
        Assert.Equal(ContractStory.Iso(story.Today), withdrawal.GetProperty("effectiveDate").GetString());
        Assert.Contains("CRD-9", ContractStory.Rules(withdrawal));

        // The same line, same number, still active: on Mobil 430 at 430 SEK again, and not bound.
        var after = await story.SubscriptionAsync(magnus, lineId);
        Assert.Equal(("active", ContractStory.MagnusMsisdn, "SE-MOBIL-430", 430m, JsonValueKind.Null), (
            after.GetProperty("status").GetString(), after.GetProperty("msisdn").GetString(), after.GetProperty("planCode").GetString(),
            after.GetProperty("monthlyPrice").GetDecimal(), after.GetProperty("bindingEndDate").ValueKind));

        var entry = Assert.Single(await story.TimelineAsync(magnus, "subscriptionChange"), e => e.GetProperty("title").GetString()!.StartsWith("Change withdrawn", StringComparison.Ordinal));
        Assert.Equal("Change withdrawn (cooling-off): plan change to Mobil Fast 600; back to Mobil 430", entry.GetProperty("title").GetString());
        Assert.Contains("Now Mobil 430 at 430.00 SEK a month, no binding; the subscription stays active.", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var confirmation = Assert.Single(await story.MessagesAsync(magnus, "leavingConfirmation"));
        Assert.Contains(withdrawal.GetProperty("reference").GetString()!, confirmation.GetProperty("content").GetString(), StringComparison.Ordinal);
        // In Magnus's own language: he is Swedish.
        Assert.Contains("själva abonnemanget fortsätter", confirmation.GetProperty("content").GetString(), StringComparison.Ordinal);

        // EU-102: the contract as it stands again has its summary; the order shows the change withdrawn.
        using (var summaries = await story.Agent.GetAsync($"/api/subscriptions/{lineId}/summaries", Cancel))
        {
            var newest = (await HttpAssert.JsonAsync(summaries)).EnumerateArray().First();
            Assert.Equal(("Change withdrawn", 430m), (newest.GetProperty("reason").GetString(), newest.GetProperty("monthlyPrice").GetDecimal()));
        }

        using (var read = await story.Agent.GetAsync($"/api/orders/{order.GetProperty("id").GetString()}", Cancel))
        {
            var withdrawnSale = (await HttpAssert.JsonAsync(read)).GetProperty("items")[0].GetProperty("sale");
            Assert.Equal(story.Now, withdrawnSale.GetProperty("withdrawnAt").GetDateTime().ToUniversalTime());
            Assert.Equal(withdrawal.GetProperty("id").GetString(), withdrawnSale.GetProperty("withdrawalId").GetString());
        }

        // Withdrawn once: a second try names the first, and the change is no longer offered.
        using var again = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/withdrawal", new { channel = "phone", change = changeId }, Cancel);
        Assert.Contains(withdrawal.GetProperty("reference").GetString()!, (await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await story.ChoicesAsync(lineId)).GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task CRD_9_the_same_upgrade_withdrawn_on_day_15_is_refused_naming_CRD_9_and_nothing_changes()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(ContractStory.MagnusMsisdn);
        var lineId = Assert.Single(await story.SubscriptionsAsync(magnus)).GetProperty("id").GetString()!;
        await story.PlaceOrderAsync(new
        {
            customerId = magnus,
            soldVia = "phone",
            items = new object[] { new { id = "upgrade", action = "modify", subscriptionId = lineId, planCode = "SE-MOBIL-600", bindingMonths = 12, bindingConsent = true } },
        });

        story.AtDay(15);
        var change = Assert.Single((await story.ChoicesAsync(lineId)).GetProperty("changes").EnumerateArray());
        Assert.False(change.GetProperty("isOpen").GetBoolean());
        using var response = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/withdrawal",
            new { channel = "phone", change = change.GetProperty("changeId").GetString() }, Cancel);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("CRD-9", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["CRD-9"], problem.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(ContractStory.Iso(DateOnly.FromDateTime(story.Start).AddDays(14)), problem.GetProperty("openUntil").GetString());
        var unchanged = await story.SubscriptionAsync(magnus, lineId);
        Assert.Equal(("active", "SE-MOBIL-600", 600m), (unchanged.GetProperty("status").GetString(), unchanged.GetProperty("planCode").GetString(), unchanged.GetProperty("monthlyPrice").GetDecimal()));
        Assert.DoesNotContain(await story.TimelineAsync(magnus, "subscriptionChange"), e => e.GetProperty("title").GetString()!.StartsWith("Change withdrawn", StringComparison.Ordinal));
        Assert.Empty(await story.MessagesAsync(magnus, "leavingConfirmation"));
    }

    [Fact]
    public async Task A_change_agreed_in_a_store_has_no_withdrawal_right_and_one_sold_without_the_information_runs_12_months_longer()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(ContractStory.MagnusMsisdn);
        var lineId = Assert.Single(await story.SubscriptionsAsync(magnus)).GetProperty("id").GetString()!;
        await story.PlaceOrderAsync(new
        {
            customerId = magnus,
            soldVia = "store",
            items = new object[] { new { id = "1", action = "modify", subscriptionId = lineId, planCode = "SE-MOBIL-600" } },
        });

        var inStore = Assert.Single((await story.ChoicesAsync(lineId)).GetProperty("changes").EnumerateArray());
        Assert.False(inStore.GetProperty("isOpen").GetBoolean());
        Assert.Equal(JsonValueKind.Null, inStore.GetProperty("openUntil").ValueKind);
        Assert.StartsWith("This change was agreed in a store", inStore.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        using (var refused = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/withdrawal", new { channel = "store", change = inStore.GetProperty("changeId").GetString() }, Cancel))
        {
            Assert.Contains("CRD-9", (await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // A later binding sold by phone without telling him of the right: still open after 200 days (CRD-10). Withdrawing
        // it puts back the store-sold plan unbound; the store sale stands.
        await story.PlaceOrderAsync(new
        {
            customerId = magnus,
            soldVia = "phone",
            withdrawalInformationGiven = false,
            items = new object[] { new { id = "1", action = "modify", subscriptionId = lineId, bindingMonths = 12, bindingConsent = true } },
        });
        Assert.Equal(ContractStory.Iso(story.Today.AddMonths(12)), (await story.SubscriptionAsync(magnus, lineId)).GetProperty("bindingEndDate").GetString());
        story.AtDay(200);
        var changes = (await story.ChoicesAsync(lineId)).GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(2, changes.Count);
        var bindingChange = changes[0];
        Assert.Equal("binding change", bindingChange.GetProperty("description").GetString());
        Assert.True(bindingChange.GetProperty("isOpen").GetBoolean());
        Assert.Equal(["CRD-9", "CRD-10"], ContractStory.Rules(bindingChange));
        var restores = bindingChange.GetProperty("restores");
        Assert.Equal(("SE-MOBIL-600", 600m, JsonValueKind.Null), (restores.GetProperty("planCode").GetString(), restores.GetProperty("monthlyPrice").GetDecimal(), restores.GetProperty("bindingEndDate").ValueKind));

        using var withdrawn = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/withdrawal", new { channel = "chat", change = bindingChange.GetProperty("changeId").GetString() }, Cancel);
        await HttpAssert.JsonAsync(withdrawn, HttpStatusCode.Created);
        var after = await story.SubscriptionAsync(magnus, lineId);
        Assert.Equal(("active", "SE-MOBIL-600", 600m, JsonValueKind.Null), (
            after.GetProperty("status").GetString(), after.GetProperty("planCode").GetString(), after.GetProperty("monthlyPrice").GetDecimal(), after.GetProperty("bindingEndDate").ValueKind));
        Assert.Equal(inStore.GetProperty("changeId").GetString(), Assert.Single((await story.ChoicesAsync(lineId)).GetProperty("changes").EnumerateArray()).GetProperty("changeId").GetString());
    }

    [Fact]
    public async Task An_add_on_sold_on_the_web_is_its_own_contract_whose_withdrawal_ends_only_the_add_on()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(ContractStory.MagnusMsisdn);
        var lineId = Assert.Single(await story.SubscriptionsAsync(magnus)).GetProperty("id").GetString()!;
        var extra = $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}";
        var order = await story.PlaceOrderAsync(new
        {
            customerId = magnus,
            soldVia = "web",
            items = new object[] { new { id = "extra", action = "add", planCode = "SE-MOBIL-430", msisdn = extra } },
        });
        var addOnId = order.GetProperty("items")[0].GetProperty("subscriptionId").GetString()!;
        Assert.Equal("web", (await story.SubscriptionAsync(magnus, addOnId)).GetProperty("soldVia").GetString());

        story.AtDay(5);
        using var response = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{addOnId}/withdrawal", new { channel = "web" }, Cancel);
        Assert.Equal("withdrawal", (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("kind").GetString());
        Assert.Equal("terminated", (await story.SubscriptionAsync(magnus, addOnId)).GetProperty("status").GetString());
        Assert.Equal("active", (await story.SubscriptionAsync(magnus, lineId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_upgrade_ordered_through_TMF622_by_phone_is_withdrawn_by_the_customer_on_the_public_page_in_two_steps()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(ContractStory.MagnusMsisdn);
        var lineId = Assert.Single(await story.SubscriptionsAsync(magnus)).GetProperty("id").GetString()!;
        var body = new JsonObject
        {
            ["relatedParty"] = new JsonArray(
                new JsonObject { ["id"] = magnus, ["role"] = "customer", ["@referredType"] = "Customer" },
                new JsonObject { ["id"] = "vendator", ["name"] = "Vendator telesales", ["role"] = "seller", ["@referredType"] = "Organization" }),
            ["channel"] = new JsonArray(new JsonObject { ["id"] = "phone", ["role"] = "salesChannel" }),
            ["productOrderItem"] = new JsonArray(new JsonObject
            {
                ["id"] = "1",
                ["action"] = "modify",
                ["productOffering"] = new JsonObject { ["id"] = "SE-MOBIL-600" },
                ["product"] = new JsonObject { ["id"] = lineId },
            }),
        };
        using var placed = await story.Agent.PostAsync("/tmf-api/productOrderingManagement/v4/productOrder",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);
        var order = await HttpAssert.JsonAsync(placed, HttpStatusCode.Created);
        Assert.Equal(("phone", "salesChannel"), (order.GetProperty("channel")[0].GetProperty("id").GetString(), order.GetProperty("channel")[0].GetProperty("role").GetString()));
        var characteristics = order.GetProperty("productOrderItem")[0].GetProperty("product").GetProperty("productCharacteristic").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("value").ToString());
        Assert.Equal(("phone", "Vendator telesales", "True"), (characteristics["soldVia"], characteristics["soldBy"], characteristics["withdrawalInformationGiven"]));

        // Magnus, on the public page: his number and e-mail, the code from his inbox, then one button.
        story.AtDay(3);
        using var visitor = story.App.CreateAnonymousClient();
        using var started = await visitor.PostAsJsonAsync("/api/leave/requests", new { name = "Magnus Ek", subscription = "070-777 04 04", contact = "magnus.ek@example.se" }, Cancel);
        var request = (await HttpAssert.JsonAsync(started, HttpStatusCode.Accepted)).GetProperty("requestId").GetString()!;
        var code = SixDigits().Match(Assert.Single(await story.MessagesAsync(magnus, "oneTimeCode")).GetProperty("content").GetString()!).Value;
        using var verified = await visitor.PostAsJsonAsync($"/api/leave/requests/{request}/verify", new { code }, Cancel);
        var change = Assert.Single((await HttpAssert.JsonAsync(verified)).GetProperty("changes").EnumerateArray());
        Assert.True(change.GetProperty("isOpen").GetBoolean());

        using var confirmed = await visitor.PostAsJsonAsync($"/api/leave/requests/{request}/confirm",
            new { action = "withdrawal", change = change.GetProperty("changeId").GetString() }, Cancel);
        var done = await HttpAssert.JsonAsync(confirmed, HttpStatusCode.Created);
        Assert.Equal(("changeWithdrawal", "web"), (done.GetProperty("kind").GetString(), done.GetProperty("channel").GetString()));
        var line = await story.SubscriptionAsync(magnus, lineId);
        Assert.Equal(("active", "SE-MOBIL-430"), (line.GetProperty("status").GetString(), line.GetProperty("planCode").GetString()));
        Assert.Equal("magnus.ek@example.se", Assert.Single(await story.MessagesAsync(magnus, "leavingConfirmation")).GetProperty("receiver")[0].GetProperty("email").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_clear_error_naming_the_field_and_changes_nothing()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(ContractStory.MagnusMsisdn);
        var lineId = Assert.Single(await story.SubscriptionsAsync(magnus)).GetProperty("id").GetString()!;

        using (var badChannel = await story.Agent.PostAsJsonAsync("/api/orders", new
               {
                   customerId = magnus,
                   soldVia = "pigeon",
                   items = new object[] { new { id = "1", action = "modify", subscriptionId = lineId, planCode = "SE-MOBIL-600" } },
               }, Cancel))
        {
            Assert.Contains("pigeon", (await HttpAssert.ValidationProblemAsync(badChannel, "soldVia")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var badItemChannel = await story.Agent.PostAsJsonAsync("/api/orders", new
               {
                   customerId = magnus,
                   items = new object[] { new { id = "1", action = "modify", subscriptionId = lineId, planCode = "SE-MOBIL-600", soldVia = "fax" } },
               }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(badItemChannel, "items[0].soldVia");
        }

        using (var notAChange = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/withdrawal", new { channel = "phone", change = Guid.NewGuid() }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(notAChange, "change");
        }

        var unchanged = await story.SubscriptionAsync(magnus, lineId);
        Assert.Equal(("active", "SE-MOBIL-430"), (unchanged.GetProperty("status").GetString(), unchanged.GetProperty("planCode").GetString()));
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}

[Trait("Provider", "Sqlite")]
public sealed class ChangeWithdrawalScenariosOnSqlite(PostgresServer postgres) : ChangeWithdrawalScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class ChangeWithdrawalScenariosOnPostgres : ChangeWithdrawalScenarios
{
    public ChangeWithdrawalScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
