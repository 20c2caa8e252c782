using System.Text;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// EU-105-5 (S3-1) replayed through the public HTTP API: Bert was sold 4G mobile broadband, bound for 24 months, for his
/// summer house on Vätö, where there is no 4G. An agent records the finding — a coverage check at the service address —
/// and Touchpoint ends the line without cost, citing the rule, with nothing of the binding. Also: citing a stored check,
/// measured speeds on too few and enough days, and the ending on a later day the customer chooses.
/// </summary>
public abstract class EndWithoutCostScenarios(PostgresServer postgres, Provider provider)
{
    private const string Qualifications = "/tmf-api/productOfferingQualification/v4/productOfferingQualification";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task S3_1_Berts_undeliverable_4G_line_is_ended_without_cost_citing_EU_105_5()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var bert = await story.CustomerIdAsync(ContractStory.BertMsisdn);
        var broadband = Assert.Single(await story.SubscriptionsAsync(bert));
        var lineId = broadband.GetProperty("id").GetString()!;
        var bindingEnd = broadband.GetProperty("bindingEndDate").GetString()!;
        Assert.True(DateOnly.Parse(bindingEnd, CultureInfo.InvariantCulture) > story.Today.AddMonths(20));

        // Nothing recorded yet: no ending without cost, and the reason names the rule.
        var before = (await story.ChoicesAsync(lineId)).GetProperty("endWithoutCost");
        Assert.False(before.GetProperty("isOpen").GetBoolean());
        Assert.Contains("EU-105-5", before.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.True((await story.ChoicesAsync(lineId)).GetProperty("cancellation").GetProperty("isBound").GetBoolean());
        using (var tooSoon = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/end-without-cost", new { channel = "phone" }, Cancel))
        {
            var problem = await HttpAssert.ProblemAsync(tooSoon, HttpStatusCode.Conflict);
            Assert.Equal(["EU-105-5"], problem.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()));
        }

        // The agent records the finding: Touchpoint checks 4G at the line's address and stores the check.
        using var recorded = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/findings",
            new { kind = "notDeliverable", note = "No signal at the summer house since the sale; Bert called again." }, Cancel);
        var finding = await HttpAssert.JsonAsync(recorded, HttpStatusCode.Created);
        Assert.True(finding.GetProperty("endsWithoutCost").GetBoolean());
        Assert.Equal(["EU-105-5"], ContractStory.Rules(finding));
        Assert.StartsWith("There is no 4G coverage at Vätövägen 7, 760 18 Vätö. Available there: fiber.", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var checkId = finding.GetProperty("qualificationCheckId").GetString()!;
        using (var check = await story.Agent.GetAsync($"{Qualifications}/{checkId}", Cancel))
        {
            Assert.Equal("alternate", (await HttpAssert.JsonAsync(check)).GetProperty("qualificationResult").GetString());
        }

        Assert.Single(await story.TimelineAsync(bert, "qualification"), e => e.GetProperty("sourceId").GetString() == checkId);
        Assert.Single(await story.TimelineAsync(bert, "subscriptionChange"), e => e.GetProperty("title").GetString() == "Finding on Mobilt bredband 4G: coverage at its address — it may end free of cost (EU-105-5)");

        var offered = (await story.ChoicesAsync(lineId)).GetProperty("endWithoutCost");
        Assert.True(offered.GetProperty("isOpen").GetBoolean());
        Assert.Equal((finding.GetProperty("id").GetString(), ContractStory.Iso(story.Today), true, "dueAtOnce"), (
            offered.GetProperty("findingId").GetString(), offered.GetProperty("effectiveDate").GetString(),
            offered.GetProperty("bindingWaived").GetBoolean(), offered.GetProperty("deviceInstalments").GetString()));

        using var ended = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/end-without-cost", new { channel = "phone" }, Cancel);
        var termination = await HttpAssert.JsonAsync(ended, HttpStatusCode.Created);
        Assert.Equal(("endWithoutCost", "completed", ContractStory.Iso(story.Today)), (
            termination.GetProperty("kind").GetString(), termination.GetProperty("state").GetString(), termination.GetProperty("effectiveDate").GetString()));
        Assert.Equal(["EU-105-5"], ContractStory.Rules(termination));
        Assert.Equal(finding.GetProperty("id").GetString(), termination.GetProperty("findingId").GetString());
        Assert.Contains($"nothing of the binding that would have run until {bindingEnd}", termination.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        // He is not bound for two years: the line has ended today, and he is told so, with the reason and the rule.
        Assert.Equal("terminated", (await story.SubscriptionAsync(bert, lineId)).GetProperty("status").GetString());
        var entry = Assert.Single(await story.TimelineAsync(bert, "subscriptionChange"), e => e.GetProperty("title").GetString()!.Contains("without cost", StringComparison.Ordinal));
        Assert.Equal($"Mobilt bredband 4G ended without cost (EU-105-5): {ContractStory.Iso(story.Today)}", entry.GetProperty("title").GetString());
        var confirmation = Assert.Single(await story.MessagesAsync(bert, "leavingConfirmation"));
        Assert.Equal("bert.lindqvist@example.se", confirmation.GetProperty("receiver")[0].GetProperty("email").GetString());
        var content = confirmation.GetProperty("content").GetString()!;
        // In Bert's language, with what was found where.
        Assert.Contains("upphör", content, StringComparison.Ordinal);
        Assert.Contains("utan kostnad", content, StringComparison.Ordinal);
        Assert.Contains("Vår täckningskontroll visade att tjänsten inte kan levereras till Vätövägen 7", content, StringComparison.Ordinal);
        Assert.Empty(EnglishLeaks.In(content, "sv"));
        Assert.Contains(termination.GetProperty("reference").GetString()!, content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_coverage_check_can_be_cited_but_not_one_made_elsewhere_or_for_another_technology()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var bert = await story.CustomerIdAsync(ContractStory.BertMsisdn);
        var lineId = Assert.Single(await story.SubscriptionsAsync(bert)).GetProperty("id").GetString()!;
        var atVato = await CheckAsync(story, CoverageScenarios.QualificationBody(bert, "SE-MBB-4G"));
        var fiberAtVato = await CheckAsync(story, CoverageScenarios.QualificationBody(bert, "SE-FIBER-250"));
        var atHome = await CheckAsync(story, CoverageScenarios.QualificationBody(bert, "SE-MBB-4G", atCustomersAddress: true));

        foreach (var wrong in new[] { fiberAtVato, atHome, Guid.NewGuid().ToString() })
        {
            using var refused = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/findings", new { kind = "notDeliverable", qualificationCheckId = wrong }, Cancel);
            await HttpAssert.ValidationProblemAsync(refused, "qualificationCheckId");
        }

        using var cited = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/findings", new { kind = "notDeliverable", qualificationCheckId = atVato }, Cancel);
        var finding = await HttpAssert.JsonAsync(cited, HttpStatusCode.Created);
        Assert.Equal((atVato, true), (finding.GetProperty("qualificationCheckId").GetString(), finding.GetProperty("endsWithoutCost").GetBoolean()));

        using var listed = await story.Agent.GetAsync($"/api/subscriptions/{lineId}/findings", Cancel);
        Assert.Equal(finding.GetProperty("id").GetString(), Assert.Single((await HttpAssert.JsonAsync(listed)).EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Speeds_below_the_contract_on_two_days_are_not_enough_on_three_they_are_and_the_customer_may_leave_on_a_later_day()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(ContractStory.MagnusMsisdn);
        var lineId = Assert.Single(await story.SubscriptionsAsync(magnus)).GetProperty("id").GetString()!;
        object Measured(int daysAgo, decimal mbps) => new { on = ContractStory.Iso(story.Today.AddDays(-daysAgo)), mbps };

        using (var twoDays = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/findings",
                   new { kind = "speedBelowContract", contractedMbps = 100m, measurements = new[] { Measured(20, 30m), Measured(3, 95m), Measured(1, 12.5m) } }, Cancel))
        {
            var finding = await HttpAssert.JsonAsync(twoDays, HttpStatusCode.Created);
            Assert.False(finding.GetProperty("endsWithoutCost").GetBoolean());
            Assert.Contains("on 2 days", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        }

        Assert.False((await story.ChoicesAsync(lineId)).GetProperty("endWithoutCost").GetProperty("isOpen").GetBoolean());
        using var threeDays = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/findings",
            new { kind = "speedBelowContract", contractedMbps = 100m, measurements = new[] { Measured(20, 30m), Measured(9, 80m), Measured(1, 12.5m) } }, Cancel);
        var qualifying = await HttpAssert.JsonAsync(threeDays, HttpStatusCode.Created);
        Assert.True(qualifying.GetProperty("endsWithoutCost").GetBoolean());
        Assert.Equal(3, qualifying.GetProperty("measurements").GetArrayLength());

        // He chooses the end of next week; until then the line runs, then the watcher ends it.
        var leaveOn = story.Today.AddDays(7);
        using var ended = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/end-without-cost",
            new { channel = "chat", effectiveDate = ContractStory.Iso(leaveOn) }, Cancel);
        var termination = await HttpAssert.JsonAsync(ended, HttpStatusCode.Created);
        Assert.Equal(("pending", ContractStory.Iso(leaveOn)), (termination.GetProperty("state").GetString(), termination.GetProperty("effectiveDate").GetString()));
        Assert.Equal("pendingTerminate", (await story.SubscriptionAsync(magnus, lineId)).GetProperty("status").GetString());

        story.AtDay(7);
        await story.App.RunDueWorkAsync();
        Assert.Equal("terminated", (await story.SubscriptionAsync(magnus, lineId)).GetProperty("status").GetString());
        Assert.Single(await story.TimelineAsync(magnus, "subscriptionChange"), e => e.GetProperty("detail").GetString()!.StartsWith("Ended free of cost (EU-105-5)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fault_cases_on_three_days_are_a_recurring_discrepancy_and_the_finding_cites_them()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(ContractStory.MagnusMsisdn);
        var lineId = Assert.Single(await story.SubscriptionsAsync(magnus)).GetProperty("id").GetString()!;
        var references = new List<string>();
        foreach (var day in new[] { 0, 0, 20, 41 })
        {
            story.AtDay(day);
            using var opened = await story.Agent.PostAsJsonAsync("/api/cases",
                new { customerId = magnus, subscriptionId = lineId, type = "incident", channel = "phone", need = "No mobile data since this morning" }, Cancel);
            references.Add((await HttpAssert.JsonAsync(opened, HttpStatusCode.Created)).GetProperty("reference").GetString()!);
        }

        // A complaint about the same line is not a fault.
        using (var complaint = await story.Agent.PostAsJsonAsync("/api/cases", new { customerId = magnus, subscriptionId = lineId, type = "complaint", channel = "phone", need = "The bill" }, Cancel))
        {
            await HttpAssert.JsonAsync(complaint, HttpStatusCode.Created);
        }

        using var recorded = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/findings", new { kind = "recurringFaults" }, Cancel);
        var finding = await HttpAssert.JsonAsync(recorded, HttpStatusCode.Created);

        Assert.True(finding.GetProperty("endsWithoutCost").GetBoolean());
        Assert.Equal(references, finding.GetProperty("faultCases").EnumerateArray().Select(r => r.GetString()!));
        Assert.StartsWith("Faults were reported on 3 days since", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.True((await story.ChoicesAsync(lineId)).GetProperty("endWithoutCost").GetProperty("isOpen").GetBoolean());
    }

    [Fact]
    public async Task Bad_findings_are_a_clear_error_naming_the_field_and_store_nothing()
    {
        await using var story = await ContractStory.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(ContractStory.MagnusMsisdn);
        var lineId = Assert.Single(await story.SubscriptionsAsync(magnus)).GetProperty("id").GetString()!;
        (object Body, string Field)[] cases =
        [
            (new { kind = "slowish" }, "kind"),
            (new { kind = "speedBelowContract", measurements = new[] { new { on = ContractStory.Iso(story.Today), mbps = 1m } } }, "contractedMbps"),
            (new { kind = "speedBelowContract", contractedMbps = 100m }, "measurements"),
            (new { kind = "speedBelowContract", contractedMbps = 100m, measurements = new[] { new { on = ContractStory.Iso(story.Today.AddDays(1)), mbps = 1m } } }, "measurements[0].on"),
            (new { kind = "speedBelowContract", contractedMbps = 100m, measurements = new[] { new { on = ContractStory.Iso(story.Today), mbps = -1m } } }, "measurements[0].mbps"),
            (new { kind = "recurringFaults", note = new string('x', 1001) }, "note"),
        ];
        foreach (var (body, field) in cases)
        {
            using var response = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/findings", body, Cancel);
            await HttpAssert.ValidationProblemAsync(response, field);
        }

        using (var unknown = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{Guid.NewGuid()}/findings", new { kind = "recurringFaults" }, Cancel))
        {
            await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        }

        using (var past = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/end-without-cost", new { channel = "phone", effectiveDate = ContractStory.Iso(story.Today.AddDays(-1)) }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(past, "effectiveDate");
        }

        using var listed = await story.Agent.GetAsync($"/api/subscriptions/{lineId}/findings", Cancel);
        Assert.Empty((await HttpAssert.JsonAsync(listed)).EnumerateArray());

        // No fault case on record: a fault-history finding is stored but opens nothing.
        using var faults = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{lineId}/findings", new { kind = "recurringFaults" }, Cancel);
        var noFaults = await HttpAssert.JsonAsync(faults, HttpStatusCode.Created);
        Assert.False(noFaults.GetProperty("endsWithoutCost").GetBoolean());
        Assert.StartsWith("No fault case of this subscription was opened since", noFaults.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("active", (await story.SubscriptionAsync(magnus, lineId)).GetProperty("status").GetString());
    }

    private static async Task<string> CheckAsync(ContractStory story, System.Text.Json.Nodes.JsonObject body)
    {
        using var response = await story.Agent.PostAsync(Qualifications, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class EndWithoutCostScenariosOnSqlite(PostgresServer postgres) : EndWithoutCostScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class EndWithoutCostScenariosOnPostgres : EndWithoutCostScenarios
{
    public EndWithoutCostScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
