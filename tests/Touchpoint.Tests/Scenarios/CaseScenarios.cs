using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Demo;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// Story failures S1-3, S1-4, S2-3, S2-4, S3-2 and S3-4 replayed through /api/cases: one owner from creation,
/// handoffs that need acceptance, bounces flagged and escalated, no resolving over open questions or an unmet
/// need, and SLA breaches that climb the escalation ladder as a fake clock moves through business days.
/// </summary>
public abstract class CaseScenarios(TouchpointApp app, PostgresServer postgres) : ApiTestBase(app)
{
    private const string DanishMobile = "+4520";

    [Fact]
    public async Task S2_3_a_case_has_one_owner_from_creation_and_a_handoff_waits_for_the_new_owner_to_accept()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        using var store = await App.CreateClientAsAsync("store");
        var (agentId, leadId) = (await UserIdAsync("agent"), await UserIdAsync("lead"));
        var customerId = await CreateCustomerAsync(agent, "SE");

        var created = await CreateCaseAsync(agent, customerId, "complaint", "Move my subscription and upgrade to digital TV at once");
        var id = created.GetProperty("id").GetString()!;
        var reference = created.GetProperty("reference").GetString()!;
        Assert.Matches("^C-[0-9]{6,}$", reference);
        AssertOwner(created, "user", agentId);
        Assert.Equal("acknowledged", created.GetProperty("status").GetString());

        using var notOwner = await PostAsync(store, $"/api/cases/{id}/handoff", new { toUserId = leadId, reason = "Not mine to give" });
        await HttpAssert.ProblemAsync(notOwner, HttpStatusCode.Forbidden);

        using var requested = await PostAsync(agent, $"/api/cases/{id}/handoff", new { toUserId = leadId, reason = "Needs a decision on the TV package" });
        var pending = await HttpAssert.JsonAsync(requested);
        AssertOwner(pending, "user", agentId);
        var handoff = pending.GetProperty("pendingHandoff");
        Assert.Equal(leadId, handoff.GetProperty("to").GetProperty("id").GetString());
        Assert.False(handoff.GetProperty("isBounce").GetBoolean());
        Assert.Equal(0, pending.GetProperty("handoffs").GetInt32());
        Assert.Contains(await InboxAsync(lead), n => n.Kind == "handoffRequested" && n.Title.Contains(reference, StringComparison.Ordinal));

        using var second = await PostAsync(agent, $"/api/cases/{id}/handoff", new { toUserId = await UserIdAsync("store"), reason = "Or the store?" });
        Assert.Contains("already waiting", (await HttpAssert.ProblemAsync(second, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var wrongPerson = await PostAsync(store, $"/api/cases/{id}/handoff/accept", new { });
        await HttpAssert.ProblemAsync(wrongPerson, HttpStatusCode.Forbidden);
        AssertOwner(await GetCaseAsync(agent, id), "user", agentId);

        using var accepted = await PostAsync(lead, $"/api/cases/{id}/handoff/accept", new { });
        var taken = await HttpAssert.JsonAsync(accepted);
        AssertOwner(taken, "user", leadId);
        Assert.Equal(JsonValueKind.Null, taken.GetProperty("pendingHandoff").ValueKind);
        Assert.Equal(1, taken.GetProperty("handoffs").GetInt32());
        Assert.Equal([agentId, leadId], taken.GetProperty("ownerHistory").EnumerateArray().Select(o => o.GetProperty("owner").GetProperty("id").GetString()!).ToArray());
        var titles = taken.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("title").GetString()!).ToList();
        Assert.Contains(titles, t => t.Contains("handoff to Lars Lead requested", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.Contains("Lars Lead took over from", StringComparison.Ordinal));

        using var nothingToAccept = await PostAsync(lead, $"/api/cases/{id}/handoff/accept", new { });
        await HttpAssert.ProblemAsync(nothingToAccept, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_answer_to_opening_a_case_is_the_case_exactly_as_reading_it_back_gives_it()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "SE");

        var created = await CreateCaseAsync(agent, customerId, "complaint", "Refund the double charge on the last invoice", "high",
            ["Why was I charged twice?", "When will the refund arrive?", "Who approved the charge?"]);
        var read = await GetCaseAsync(agent, created.GetProperty("id").GetString()!);

        Assert.Equal(read.GetRawText(), created.GetRawText());
        Assert.Equal(3, created.GetProperty("questions").GetArrayLength());
        Assert.Single(created.GetProperty("timeline").EnumerateArray());
        Assert.NotEqual(0, created.GetProperty("timeline")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task S2_3_a_declined_or_cancelled_handoff_leaves_the_case_with_its_owner()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var store = await App.CreateClientAsAsync("store");
        var agentId = await UserIdAsync("agent");
        var storeId = await UserIdAsync("store");
        var id = (await CreateCaseAsync(agent, await CreateCustomerAsync(agent, "SE"), "request", "A copy of my contract")).GetProperty("id").GetString()!;

        using (var requested = await PostAsync(agent, $"/api/cases/{id}/handoff", new { toUserId = storeId, reason = "Store has the paper copy" }))
        {
            await HttpAssert.JsonAsync(requested);
        }

        using var declined = await PostAsync(store, $"/api/cases/{id}/handoff/decline", new { });
        var afterDecline = await HttpAssert.JsonAsync(declined);
        AssertOwner(afterDecline, "user", agentId);
        Assert.Equal(JsonValueKind.Null, afterDecline.GetProperty("pendingHandoff").ValueKind);

        using (var again = await PostAsync(agent, $"/api/cases/{id}/handoff", new { toUserId = storeId, reason = "Please, it is in your archive" }))
        {
            await HttpAssert.JsonAsync(again);
        }

        using var notTheirs = await PostAsync(store, $"/api/cases/{id}/handoff/cancel", new { });
        await HttpAssert.ProblemAsync(notTheirs, HttpStatusCode.Forbidden);
        using var cancelled = await PostAsync(agent, $"/api/cases/{id}/handoff/cancel", new { });
        var afterCancel = await HttpAssert.JsonAsync(cancelled);
        AssertOwner(afterCancel, "user", agentId);
        Assert.Equal(0, afterCancel.GetProperty("handoffs").GetInt32());
    }

    [Fact]
    public async Task A_case_can_start_in_a_queue_and_any_member_of_staff_accepts_a_handoff_to_a_queue()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var store = await App.CreateClientAsAsync("store");
        var storeId = await UserIdAsync("store");
        var customerId = await CreateCustomerAsync(agent, "SE");

        using var response = await PostAsync(agent, "/api/cases", new { customerId, type = "incident", channel = "web", need = "Internet down at home", queue = "Network-Faults" });
        var queued = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        AssertOwner(queued, "queue", "network-faults");
        var id = queued.GetProperty("id").GetString()!;

        using (var toStore = await PostAsync(store, $"/api/cases/{id}/handoff", new { toUserId = storeId, reason = "I will take it" }))
        {
            await HttpAssert.JsonAsync(toStore);
        }

        using (var took = await PostAsync(store, $"/api/cases/{id}/handoff/accept", new { }))
        {
            AssertOwner(await HttpAssert.JsonAsync(took), "user", storeId);
        }

        using (var toQueue = await PostAsync(store, $"/api/cases/{id}/handoff", new { toQueue = "billing", reason = "It is a billing question after all" }))
        {
            await HttpAssert.JsonAsync(toQueue);
        }

        using var acceptedForQueue = await PostAsync(agent, $"/api/cases/{id}/handoff/accept", new { });
        var inBilling = await HttpAssert.JsonAsync(acceptedForQueue);
        AssertOwner(inBilling, "queue", "billing");
        // Picking the case up from the network-faults queue made the store its first real owner, not a handoff.
        Assert.Equal(1, inBilling.GetProperty("handoffs").GetInt32());
    }

    [Fact]
    public async Task S2_4_a_case_sent_back_to_someone_it_already_left_is_flagged_bounced_and_the_team_lead_is_told_at_once()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var store = await App.CreateClientAsAsync("store");
        using var lead = await App.CreateClientAsAsync("lead");
        var agentId = await UserIdAsync("agent");
        var storeId = await UserIdAsync("store");
        var created = await CreateCaseAsync(agent, await CreateCustomerAsync(agent, "NL"), "complaint", "Move and upgrade in one go");
        var id = created.GetProperty("id").GetString()!;
        var reference = created.GetProperty("reference").GetString()!;

        await HandOverAsync(agent, store, id, storeId, "Help desk: this is for the store");
        using var back = await PostAsync(store, $"/api/cases/{id}/handoff", new { toUserId = agentId, reason = "Store: this is for the help desk" });
        var bounced = await HttpAssert.JsonAsync(back);

        Assert.True(bounced.GetProperty("pendingHandoff").GetProperty("isBounce").GetBoolean());
        Assert.True(bounced.GetProperty("isBounced").GetBoolean());
        Assert.Equal(1, bounced.GetProperty("bounces").GetInt32());
        AssertOwner(bounced, "user", storeId);
        var alert = Assert.Single(await InboxAsync(lead), n => n.Kind == "caseBounced" && n.Title.Contains(reference, StringComparison.Ordinal));
        Assert.Equal($"/customers/{created.GetProperty("customerId").GetString()}", alert.Link);
        Assert.Contains(bounced.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("title").GetString()!.Contains("bounced back", StringComparison.Ordinal));

        using var listed = await agent.GetAsync($"/api/cases?bounced=true&customerId={created.GetProperty("customerId").GetString()}", Cancel);
        Assert.Equal(id, Assert.Single((await HttpAssert.JsonAsync(listed)).EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task S1_4_a_case_cannot_be_resolved_while_a_question_of_the_customer_is_unanswered()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var created = await CreateCaseAsync(agent, await CreateCustomerAsync(agent, "DK"), "complaint", "Renew my subscription on the offer I received",
            questions: ["Why am I asked to port my number away from you?", "Why do I get a new three-month notice period?"]);
        var id = created.GetProperty("id").GetString()!;
        using (var needMet = await PutAsync(agent, $"/api/cases/{id}/need", new { resolved = true }))
        {
            await HttpAssert.JsonAsync(needMet);
        }

        using var refused = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "resolved" });
        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("2 questions are unanswered", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, problem.GetProperty("unansweredQuestions").GetArrayLength());

        var questions = created.GetProperty("questions").EnumerateArray().ToList();
        using (var answered = await PostAsync(agent, $"/api/cases/{id}/questions/{questions[0].GetProperty("id").GetString()}/answer",
            new { answer = "A mistake: the renewal was sent as a port-in. You stay with us; nothing moves." }))
        {
            var view = await HttpAssert.JsonAsync(answered);
            Assert.Equal("Anna Agent", view.GetProperty("questions")[0].GetProperty("answeredBy").GetString());
        }

        using var stillOne = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "resolved" });
        Assert.Contains("1 question is unanswered: \"Why do I get a new three-month notice period?\"",
            (await HttpAssert.ProblemAsync(stillOne, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using (var asked = await PostAsync(agent, $"/api/cases/{id}/questions", new { text = "Will you call me back about it?" }))
        {
            Assert.Equal(3, (await HttpAssert.JsonAsync(asked, HttpStatusCode.Created)).GetProperty("questions").GetArrayLength());
        }

        foreach (var question in (await GetCaseAsync(agent, id)).GetProperty("questions").EnumerateArray().Where(q => q.GetProperty("answer").ValueKind == JsonValueKind.Null))
        {
            using var answer = await PostAsync(agent, $"/api/cases/{id}/questions/{question.GetProperty("id").GetString()}/answer", new { answer = "Answered in writing." });
            await HttpAssert.JsonAsync(answer);
        }

        using var resolved = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "resolved", rootCause = "processLimitation" });
        var done = await HttpAssert.JsonAsync(resolved);
        Assert.Equal("resolved", done.GetProperty("status").GetString());
        Assert.Equal("processLimitation", done.GetProperty("rootCause").GetString());
        Assert.True(done.GetProperty("resolution").GetProperty("mayResolve").GetBoolean());

        using var twice = await PostAsync(agent, $"/api/cases/{id}/questions/{questions[0].GetProperty("id").GetString()}/answer", new { answer = "Again" });
        await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict);

        // The customer says it is not solved after all: the same case and owner again (S1-3), resolved no longer.
        using var reopened = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "inProgress", reason = "The customer got another port-in form" });
        var again = await HttpAssert.JsonAsync(reopened);
        Assert.Equal(JsonValueKind.Null, again.GetProperty("resolvedAt").ValueKind);
        AssertOwner(again, "user", await UserIdAsync("agent"));
        Assert.Equal(1, await OpenCasesOn360Async(agent, created.GetProperty("customerId").GetString()!));
    }

    [Fact]
    public async Task S3_4_a_case_cannot_be_resolved_while_the_need_is_unmet_and_nobody_has_said_why()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var created = await CreateCaseAsync(agent, await CreateCustomerAsync(agent, "SE"), "complaint", "Broadband at my summer house on Vätö");
        var id = created.GetProperty("id").GetString()!;
        Assert.False(created.GetProperty("resolution").GetProperty("mayResolve").GetBoolean());

        using var refused = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "resolved", reason = "Four cinema tickets and 350 kr call credit granted" });
        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("the need \"Broadband at my summer house on Vätö\" is not resolved and no reason is given why", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("needUnresolvedWithoutReason").GetBoolean());

        using (var why = await PutAsync(agent, $"/api/cases/{id}/need",
            new { resolved = false, reasonNotResolved = "No 4G coverage at the address; the sale is cancelled and a fixed-line offer was made" }))
        {
            var need = (await HttpAssert.JsonAsync(why)).GetProperty("need");
            Assert.False(need.GetProperty("resolved").GetBoolean());
            Assert.StartsWith("No 4G coverage", need.GetProperty("reasonNotResolved").GetString(), StringComparison.Ordinal);
        }

        using var resolved = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "resolved", rootCause = "notServiceable" });
        Assert.Equal("resolved", (await HttpAssert.JsonAsync(resolved)).GetProperty("status").GetString());
        using var closed = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "closed" });
        var final = await HttpAssert.JsonAsync(closed);
        Assert.Equal("closed", final.GetProperty("status").GetString());
        Assert.Empty(final.GetProperty("allowedStatuses").EnumerateArray());
    }

    [Fact]
    public async Task S1_3_nine_contacts_with_eight_people_on_one_case_show_one_owner_the_effort_and_the_handoffs()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var store = await App.CreateClientAsAsync("store");
        using var lead = await App.CreateClientAsAsync("lead");
        var customerId = await FindCustomerAsync(agent, StoryCustomers.S1Msisdn);
        var created = await CreateCaseAsync(agent, customerId, "complaint", "Accept the renewal offer I was sent, without leaving Telenor",
            questions: ["Why was I sent a power of attorney to port my number?"]);
        var id = created.GetProperty("id").GetString()!;
        var reference = created.GetProperty("reference").GetString()!;

        using var history = await agent.GetAsync($"/api/customers/{customerId}/timeline?kind=interaction&limit=50", Cancel);
        var contactIds = (await HttpAssert.JsonAsync(history)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()!).ToList();
        Assert.Equal(9, contactIds.Count);
        foreach (var interactionId in contactIds)
        {
            using var linked = await PostAsync(agent, $"/api/cases/{id}/contacts", new { interactionId });
            await HttpAssert.JsonAsync(linked);
        }

        using (var again = await PostAsync(agent, $"/api/cases/{id}/contacts", new { interactionId = contactIds[0] }))
        {
            Assert.Equal(9, (await HttpAssert.JsonAsync(again)).GetProperty("effort").GetProperty("contacts").GetInt32());
        }

        await HandOverAsync(agent, store, id, await UserIdAsync("store"), "He is coming to the store");
        await HandOverAsync(store, lead, id, await UserIdAsync("lead"), "Needs a retention decision");

        var shown = await GetCaseAsync(agent, id);
        AssertOwner(shown, "user", await UserIdAsync("lead"));
        var effort = shown.GetProperty("effort");
        Assert.Equal(9, effort.GetProperty("contacts").GetInt32());
        Assert.Equal(8, effort.GetProperty("distinctStaff").GetInt32());
        Assert.Equal(2, effort.GetProperty("handoffs").GetInt32());
        Assert.Equal(0, effort.GetProperty("daysOpen").GetInt32());
        Assert.Equal(9, shown.GetProperty("contacts").GetArrayLength());
        Assert.All(shown.GetProperty("contacts").EnumerateArray(), c => Assert.Equal(reference, c.GetProperty("caseRef").GetString()));
        var timeline = shown.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(9, timeline.Count(t => t.GetProperty("kind").GetString() == "interaction"));
        Assert.Contains(timeline, t => t.GetProperty("kind").GetString() == "case" && t.GetProperty("title").GetString()!.Contains("opened", StringComparison.Ordinal));

        var otherCase = (await CreateCaseAsync(agent, customerId, "request", "Close my old Sonofon account")).GetProperty("id").GetString()!;
        using var taken = await PostAsync(agent, $"/api/cases/{otherCase}/contacts", new { interactionId = contactIds[0] });
        Assert.Contains(reference, (await HttpAssert.ProblemAsync(taken, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_recorded_with_the_case_reference_counts_on_the_case_and_answers_its_first_response_and_no_other_customers_case_takes_it()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "SE");
        var created = await CreateCaseAsync(agent, customerId, "complaint", "Charged for roaming at home");
        var (id, reference) = (created.GetProperty("id").GetString()!, created.GetProperty("reference").GetString()!);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("firstResponseAt").ValueKind);

        using (var call = await PostAsync(agent, "/api/interactions",
            new { customerId, channel = "phone", direction = "outbound", reason = "About your roaming complaint", summary = "Refund on its way.", caseRef = reference }))
        {
            await HttpAssert.JsonAsync(call, HttpStatusCode.Created);
        }

        var shown = await GetCaseAsync(agent, id);
        Assert.Equal(1, shown.GetProperty("effort").GetProperty("contacts").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, shown.GetProperty("firstResponseAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, shown.GetProperty("lastUpdateAt").ValueKind);

        var stranger = await CreateCustomerAsync(agent, "SE");
        foreach (var (caseRef, who) in new[] { (reference, stranger), ("C-0000-999999", customerId) })
        {
            using var refused = await PostAsync(agent, "/api/interactions",
                new { customerId = who, channel = "phone", direction = "outbound", reason = "Misfiled", caseRef });
            await HttpAssert.ValidationProblemAsync(refused, "caseRef");
        }

        Assert.Equal(1, (await GetCaseAsync(agent, id)).GetProperty("effort").GetProperty("contacts").GetInt32());
    }

    [Fact]
    public async Task The_team_lead_sees_the_effort_on_the_teams_cases_contacts_people_and_handoffs_per_case()
    {
        var lead = await CreateUserAsync("TeamLead");
        var (first, second) = (await CreateUserAsync(), await CreateUserAsync());
        using (var admin = await App.CreateAdminClientAsync())
        {
            foreach (var member in new[] { first, second })
            {
                using var set = await admin.PutAsJsonAsync($"/api/users/{member.Id}/team-lead", new { teamLeadId = lead.Id }, Cancel);
                await HttpAssert.JsonAsync(set);
            }
        }

        using var one = await App.CreateClientAsAsync(first.UserName, first.Password);
        using var two = await App.CreateClientAsAsync(second.UserName, second.Password);
        var customerId = await CreateCustomerAsync(one, "SE");
        var handedOn = (await CreateCaseAsync(one, customerId, "complaint", "Charged twice for the same month")).GetProperty("reference").GetString()!;
        var quiet = (await CreateCaseAsync(two, customerId, "request", "A paper invoice, please")).GetProperty("reference").GetString()!;
        foreach (var (client, reference) in new[] { (one, handedOn), (two, handedOn), (two, quiet) })
        {
            using var call = await PostAsync(client, "/api/interactions",
                new { customerId, channel = "phone", direction = "outbound", reason = "About your case", caseRef = reference });
            await HttpAssert.JsonAsync(call, HttpStatusCode.Created);
        }

        var handedOnId = (await App.WithDbContextAsync(db => Task.FromResult(db.Cases.Single(c => c.Reference == handedOn).Id))).ToString();
        await HandOverAsync(one, two, handedOnId, second.Id, "Billing is her field");

        var now = App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var team = await App.WithDbContextAsync(db => Touchpoint.Features.Work.WorkViews.TeamAsync(db, lead.Id, everyone: false, now, todayStartedAt: now.Date, Cancel));

        var effort = team.Effort.Summary;
        Assert.Equal((2, 3, 1), (effort.Cases, effort.Contacts, effort.Handoffs));
        Assert.Equal(1.5, effort.AverageContacts);
        Assert.Equal(1.5, effort.AverageDistinctStaff);
        Assert.Equal(0.5, effort.AverageHandoffs);
        Assert.False(team.Effort.Truncated);
    }

    [Fact]
    public async Task An_illegal_status_change_is_a_409_naming_the_allowed_moves_and_a_final_status_stays_final()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var id = (await CreateCaseAsync(agent, await CreateCustomerAsync(agent, "SE"), "request", "A new SIM card")).GetProperty("id").GetString()!;

        using var closed = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "closed" });
        var problem = await HttpAssert.ProblemAsync(closed, HttpStatusCode.Conflict);
        Assert.Contains("allowed: inProgress, pending, held, resolved, cancelled, rejected", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["inProgress", "pending", "held", "resolved", "cancelled", "rejected"],
            problem.GetProperty("allowed").EnumerateArray().Select(s => s.GetString()!).ToArray());

        using (var cancelled = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "cancelled", reason = "The customer found the old SIM" }))
        {
            await HttpAssert.JsonAsync(cancelled);
        }

        using var reopened = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "inProgress" });
        Assert.Contains("cancelled is final", (await HttpAssert.ProblemAsync(reopened, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var question = await PostAsync(agent, $"/api/cases/{id}/questions", new { text = "One more thing?" });
        await HttpAssert.ProblemAsync(question, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_rejected_complaint_names_the_dispute_body_of_the_customers_jurisdiction_and_puts_it_on_the_timeline()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "DK");
        var id = (await CreateCaseAsync(agent, customerId, "complaint", "Refund the new notice period")).GetProperty("id").GetString()!;

        using var noReason = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "rejected" });
        await HttpAssert.ValidationProblemAsync(noReason, "reason");

        using var rejected = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "rejected", reason = "The notice period follows the contract" });
        var view = await HttpAssert.JsonAsync(rejected);
        var body = view.GetProperty("disputeBody");
        Assert.Equal("Teleankenævnet", body.GetProperty("name").GetString());
        Assert.Equal("DK", body.GetProperty("jurisdiction").GetString());
        Assert.True(body.GetProperty("disputedAmountOnHold").GetBoolean());
        Assert.Equal("ADR", body.GetProperty("ruleId").GetString());

        using var timeline = await agent.GetAsync($"/api/customers/{customerId}/timeline?kind=case", Cancel);
        var entry = Assert.Single((await HttpAssert.JsonAsync(timeline)).GetProperty("items").EnumerateArray(), e => e.GetProperty("title").GetString()!.Contains("rejected", StringComparison.Ordinal));
        Assert.Contains("Teleankenævnet", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("The notice period follows the contract", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var request = (await CreateCaseAsync(agent, customerId, "request", "Give me a free phone")).GetProperty("id").GetString()!;
        using var rejectedRequest = await PostAsync(agent, $"/api/cases/{request}/status", new { status = "rejected", reason = "Not offered" });
        Assert.Equal(JsonValueKind.Null, (await HttpAssert.JsonAsync(rejectedRequest)).GetProperty("disputeBody").ValueKind);
    }

    [Fact]
    public async Task The_360_view_counts_the_customers_open_cases_and_the_list_sorts_by_the_deadline_that_breaks_first()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "SE");
        Assert.Equal(0, await OpenCasesOn360Async(agent, customerId));

        var low = await CreateCaseAsync(agent, customerId, "request", "A paper invoice", priority: "low");
        var critical = await CreateCaseAsync(agent, customerId, "complaint", "Charged twice this month", priority: "critical");
        var high = await CreateCaseAsync(agent, customerId, "complaint", "Wrong plan on my bill", priority: "high");
        Assert.Equal(3, await OpenCasesOn360Async(agent, customerId));

        using var listed = await agent.GetAsync($"/api/cases?customerId={customerId}", Cancel);
        var order = (await HttpAssert.JsonAsync(listed)).EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal([critical.GetProperty("id").GetString(), high.GetProperty("id").GetString(), low.GetProperty("id").GetString()], order);
        Assert.Equal("3", listed.Headers.GetValues("X-Total-Count").Single());

        using (var cancelled = await PostAsync(agent, $"/api/cases/{low.GetProperty("id").GetString()}/status", new { status = "cancelled" }))
        {
            await HttpAssert.JsonAsync(cancelled);
        }

        Assert.Equal(2, await OpenCasesOn360Async(agent, customerId));
        using var open = await agent.GetAsync($"/api/cases?customerId={customerId}&open=true&ownerId={await UserIdAsync("agent")}&limit=1", Cancel);
        Assert.Single((await HttpAssert.JsonAsync(open)).EnumerateArray());
        Assert.Equal("2", open.Headers.GetValues("X-Total-Count").Single());
        using var byStatus = await agent.GetAsync($"/api/cases?customerId={customerId}&status=cancelled,rejected", Cancel);
        Assert.Equal(low.GetProperty("id").GetString(), Assert.Single((await HttpAssert.JsonAsync(byStatus)).EnumerateArray()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"type":"complaint","channel":"phone","need":"x"}""", "customerId")]
    [InlineData("""{"customerId":"00000000-0000-0000-0000-000000000001","type":"complaint","channel":"phone","need":"x"}""", "customerId")]
    [InlineData("""{"customerId":"{customer}","type":"grumble","channel":"phone","need":"x"}""", "type")]
    [InlineData("""{"customerId":"{customer}","type":"complaint","priority":"urgent","channel":"phone","need":"x"}""", "priority")]
    [InlineData("""{"customerId":"{customer}","type":"complaint","channel":"pigeon","need":"x"}""", "channel")]
    [InlineData("""{"customerId":"{customer}","type":"complaint","channel":"phone","need":"   "}""", "need")]
    [InlineData("""{"customerId":"{customer}","type":"complaint","channel":"phone","need":"x","questions":["fine",""]}""", "questions[1]")]
    [InlineData("""{"customerId":"{customer}","type":"complaint","channel":"phone","need":"x","queue":"not a queue"}""", "queue")]
    [InlineData("""{"customerId":"{customer}","type":"complaint","channel":"phone","need":"x","rootCause":"gremlins"}""", "rootCause")]
    [InlineData("""{"customerId":"{customer}","type":"complaint","channel":"phone","need":"x","subscriptionId":"00000000-0000-0000-0000-000000000001"}""", "subscriptionId")]
    [InlineData("""{"customerId":"{customer}","type":"complaint","channel":"phone","need":"x","questions":"not a list"}""", "questions")]
    public async Task Bad_case_input_is_a_400_naming_the_field_and_opens_no_case(string body, string field)
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "SE");

        using var response = await agent.PostAsync("/api/cases",
            new StringContent(body.Replace("{customer}", customerId, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"), Cancel);

        await HttpAssert.ValidationProblemAsync(response, field);
        using var listed = await agent.GetAsync($"/api/cases?customerId={customerId}", Cancel);
        Assert.Empty((await HttpAssert.JsonAsync(listed)).EnumerateArray());
    }

    [Fact]
    public async Task Bad_input_to_the_steps_of_a_case_is_a_400_naming_the_field_and_an_unknown_case_is_a_404()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var id = (await CreateCaseAsync(agent, await CreateCustomerAsync(agent, "SE"), "request", "Change my address")).GetProperty("id").GetString()!;
        var leadId = await UserIdAsync("lead");
        var partnerId = await UserIdAsync("partner");

        (string Path, object Body, string Field)[] cases =
        [
            ($"/api/cases/{id}/status", new { status = "done" }, "status"),
            ($"/api/cases/{id}/status", new { status = "resolved", rootCause = "gremlins" }, "rootCause"),
            ($"/api/cases/{id}/handoff", new { reason = "Nobody named" }, "toUserId"),
            ($"/api/cases/{id}/handoff", new { toUserId = leadId, toQueue = "billing", reason = "Both named" }, "toUserId"),
            ($"/api/cases/{id}/handoff", new { toUserId = leadId }, "reason"),
            ($"/api/cases/{id}/handoff", new { toUserId = "no-such-user", reason = "Ghost" }, "toUserId"),
            ($"/api/cases/{id}/handoff", new { toUserId = partnerId, reason = "Cases stay with own staff" }, "toUserId"),
            ($"/api/cases/{id}/handoff", new { toQueue = "no queue", reason = "Spaces" }, "toQueue"),
            ($"/api/cases/{id}/questions", new { text = "" }, "text"),
            ($"/api/cases/{id}/contacts", new { }, "interactionId"),
            ($"/api/cases/{id}/contacts", new { interactionId = Guid.NewGuid() }, "interactionId"),
        ];
        foreach (var (path, body, field) in cases)
        {
            using var response = await PostAsync(agent, path, body);
            await HttpAssert.ValidationProblemAsync(response, field);
        }

        using (var need = await PutAsync(agent, $"/api/cases/{id}/need", new { reasonNotResolved = "x" }))
        {
            await HttpAssert.ValidationProblemAsync(need, "resolved");
        }

        var questionId = Guid.NewGuid();
        using (var answer = await PostAsync(agent, $"/api/cases/{id}/questions/{questionId}/answer", new { answer = " " }))
        {
            await HttpAssert.ValidationProblemAsync(answer, "answer");
        }

        using (var noQuestion = await PostAsync(agent, $"/api/cases/{id}/questions/{questionId}/answer", new { answer = "Yes" }))
        {
            await HttpAssert.ProblemAsync(noQuestion, HttpStatusCode.NotFound);
        }

        foreach (var query in new[] { "limit=0", "offset=-1", "status=bogus" })
        {
            using var listed = await agent.GetAsync($"/api/cases?{query}", Cancel);
            await HttpAssert.ValidationProblemAsync(listed, query.Split('=')[0]);
        }

        using var missing = await agent.GetAsync($"/api/cases/{Guid.NewGuid()}", Cancel);
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
        using var missingStatus = await PostAsync(agent, $"/api/cases/{Guid.NewGuid()}/status", new { status = "inProgress" });
        await HttpAssert.ProblemAsync(missingStatus, HttpStatusCode.NotFound);

        using var partner = await App.CreateClientAsAsync("partner");
        using var forbidden = await partner.GetAsync($"/api/cases/{id}", Cancel);
        await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task S3_2_a_complaint_left_unsolved_breaches_its_resolution_deadline_and_each_breach_climbs_the_escalation_ladder()
    {
        var (app, clock) = await StartOnMondayMorningAsync();
        await using var _ = app;
        using var agent = await app.CreateClientAsAsync("agent");
        using var lead = await app.CreateClientAsAsync("lead");
        using var admin = await app.CreateAdminClientAsync();
        var customerId = await CreateCustomerAsync(agent, "SE");
        var created = await CreateCaseAsync(agent, customerId, "complaint", "4G broadband at my summer house on Vätö", priority: "medium");
        var id = created.GetProperty("id").GetString()!;
        var reference = created.GetProperty("reference").GetString()!;
        using (var working = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "inProgress", reason = "We are looking into coverage" }))
        {
            await HttpAssert.JsonAsync(working);
        }

        using (var call = await PostAsync(agent, "/api/interactions",
                   new { customerId, channel = "phone", direction = "outbound", reason = "We are looking into coverage", caseRef = reference }))
        {
            await HttpAssert.JsonAsync(call, HttpStatusCode.Created);
        }

        var resolution = Deadline(await GetCaseAsync(agent, id), "resolution");
        var warnAt = resolution.GetProperty("warnAt").GetDateTime();
        var dueAt = resolution.GetProperty("dueAt").GetDateTime();
        Assert.Equal(10 * 8 * 60, resolution.GetProperty("allowedBusinessMinutes").GetDouble());

        // Letters keep going out (as Bert's did), so only the resolution deadline is missed.
        await LetTimePassWithDailyLettersAsync(app, clock, agent, id, customerId, dueAt.AddMinutes(-1));
        await NotificationAsync(agent, n => n.Kind == "slaWarning" && n.Title.Contains(reference, StringComparison.Ordinal) && n.Title.Contains("resolution", StringComparison.Ordinal));
        Assert.DoesNotContain(await InboxAsync(lead), n => n.Kind == "slaBreach" && n.Title.Contains(reference, StringComparison.Ordinal));
        Assert.Equal("warning", Deadline(await GetCaseAsync(agent, id), "resolution").GetProperty("state").GetString());
        Assert.True(warnAt < dueAt);

        await LetTimePassWithDailyLettersAsync(app, clock, agent, id, customerId, dueAt.AddMinutes(1));
        var leadAlert = await NotificationAsync(lead, n => n.Kind == "slaBreach" && n.Title.Contains(reference, StringComparison.Ordinal));
        Assert.Contains("resolution deadline breached", leadAlert.Title, StringComparison.Ordinal);
        Assert.Equal($"/customers/{customerId}", leadAlert.Link);
        var breached = await GetCaseAsync(agent, id);
        Assert.Equal("breached", Deadline(breached, "resolution").GetProperty("state").GetString());
        Assert.Equal("met", Deadline(breached, "firstResponse").GetProperty("state").GetString());
        Assert.Equal("ok", Deadline(breached, "nextUpdate").GetProperty("state").GetString());
        Assert.Equal(2, breached.GetProperty("slaEscalations").GetInt32());
        Assert.Contains(breached.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("title").GetString()!.Contains("resolution deadline breached", StringComparison.Ordinal));
        // Read in Swedish, the alert and the entry say whose case it is, when it was due and where it went, in Swedish.
        using (var inSwedish = await lead.GetAsync("/api/inbox?limit=500&language=sv", Cancel))
        {
            var alert = (await HttpAssert.JsonAsync(inSwedish)).GetProperty("items").EnumerateArray()
                .First(n => n.GetProperty("kind").GetString() == "slaBreach" && n.GetProperty("title").GetString()!.Contains(reference, StringComparison.Ordinal));
            Assert.Matches(@"^Ärendet \(klagomål, normal prioritet\) ägs av .+\. Tidsgräns: .+\. Det kommer till dig som teamledare\.$", alert.GetProperty("detailText").GetString());
        }

        using (var timeline = await agent.GetAsync($"/api/customers/{customerId}/timeline?kind=case&limit=200&language=sv", Cancel))
        {
            var entry = (await HttpAssert.JsonAsync(timeline)).GetProperty("items").EnumerateArray()
                .First(t => t.GetProperty("title").GetString()!.Contains("resolution deadline breached", StringComparison.Ordinal));
            Assert.Matches(@"^Tidsgräns .+; eskalerat till teamledare\.$", entry.GetProperty("detailText").GetString());
        }


        // Day 37 after opening: by now the head of care has it too, and nothing was sent twice.
        await LetTimePassWithDailyLettersAsync(app, clock, agent, id, customerId, created.GetProperty("openedAt").GetDateTime().AddDays(37));
        var headAlert = await NotificationAsync(admin, n => n.Kind == "slaBreach" && n.Title.Contains(reference, StringComparison.Ordinal));
        Assert.Contains("breached again", headAlert.Title, StringComparison.Ordinal);
        Assert.Single(await InboxAsync(lead), n => n.Kind == "slaBreach" && n.Title.Contains(reference, StringComparison.Ordinal));
        var late = await GetCaseAsync(agent, id);
        Assert.True(late.GetProperty("effort").GetProperty("daysOpen").GetInt32() >= 37);
        Assert.True(Deadline(late, "resolution").GetProperty("alerts").GetArrayLength() >= 3);
        Assert.Equal(Deadline(late, "resolution").GetProperty("alerts").GetArrayLength(), late.GetProperty("slaEscalations").GetInt32());
    }

    [Fact]
    public async Task Overlapping_watcher_runs_escalate_each_alert_once_and_a_critical_fault_runs_around_the_clock()
    {
        var (app, clock) = await StartOnMondayMorningAsync();
        await using var _ = app;
        clock.Advance(TimeSpan.FromDays(5));
        using var agent = await app.CreateClientAsAsync("agent");
        using var lead = await app.CreateClientAsAsync("lead");
        var created = await CreateCaseAsync(agent, await CreateCustomerAsync(agent, "SE"), "incident", "No mobile service in the whole village", priority: "critical");
        var reference = created.GetProperty("reference").GetString()!;
        var firstResponse = Deadline(created, "firstResponse");
        Assert.Equal(created.GetProperty("openedAt").GetDateTime().AddMinutes(15), firstResponse.GetProperty("dueAt").GetDateTime());

        clock.Advance(TimeSpan.FromMinutes(20));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.RunDueWorkAsync()));
        await NotificationAsync(agent, n => n.Kind == "slaWarning" && n.Title.Contains(reference, StringComparison.Ordinal));
        await NotificationAsync(lead, n => n.Kind == "slaBreach" && n.Title.Contains(reference, StringComparison.Ordinal) && n.Title.Contains("first response", StringComparison.Ordinal));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.RunDueWorkAsync()));

        Assert.Single(await InboxAsync(agent), n => n.Title.Contains(reference, StringComparison.Ordinal));
        Assert.Single(await InboxAsync(lead), n => n.Title.Contains(reference, StringComparison.Ordinal));
        var view = await GetCaseAsync(agent, created.GetProperty("id").GetString()!);
        Assert.Equal("breached", Deadline(view, "firstResponse").GetProperty("state").GetString());
        Assert.Equal(2, view.GetProperty("slaEscalations").GetInt32());
    }

    [Fact]
    public async Task Moving_a_case_tells_the_customer_nothing_so_its_first_response_breaches_until_a_contact_reaches_them()
    {
        var (app, clock) = await StartOnMondayMorningAsync();
        await using var _ = app;
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "SE");
        var created = await CreateCaseAsync(agent, customerId, "incident", "No mobile service in the whole village", priority: "critical");
        var (id, reference) = (created.GetProperty("id").GetString()!, created.GetProperty("reference").GetString()!);
        using (var working = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "inProgress", reason = "Looking at the mast" }))
        {
            var moved = await HttpAssert.JsonAsync(working);
            Assert.Equal(JsonValueKind.Null, moved.GetProperty("firstResponseAt").ValueKind);
            Assert.Equal(JsonValueKind.Null, moved.GetProperty("lastUpdateAt").ValueKind);
        }

        clock.Advance(TimeSpan.FromMinutes(20));
        await app.RunDueWorkAsync();
        Assert.Equal("breached", Deadline(await GetCaseAsync(agent, id), "firstResponse").GetProperty("state").GetString());

        using (var call = await PostAsync(agent, "/api/interactions",
                   new { customerId, channel = "phone", direction = "outbound", reason = "The mast is being repaired", caseRef = reference }))
        {
            await HttpAssert.JsonAsync(call, HttpStatusCode.Created);
        }

        var answered = await GetCaseAsync(agent, id);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, answered.GetProperty("firstResponseAt").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task Pending_on_the_customer_stops_the_SLA_clock_and_no_alert_fires_meanwhile()
    {
        var (app, clock) = await StartOnMondayMorningAsync();
        await using var _ = app;
        using var agent = await app.CreateClientAsAsync("agent");
        var created = await CreateCaseAsync(agent, await CreateCustomerAsync(agent, "NO"), "complaint", "Compensation for the outage", priority: "critical");
        var id = created.GetProperty("id").GetString()!;
        var reference = created.GetProperty("reference").GetString()!;
        var dueBefore = Deadline(created, "resolution").GetProperty("dueAt").GetDateTime();

        using (var pending = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "pending", reason = "Waiting for the customer's invoice copy" }))
        {
            Assert.True((await HttpAssert.JsonAsync(pending)).GetProperty("sla").GetProperty("paused").GetBoolean());
        }

        clock.Advance(TimeSpan.FromDays(1));
        await app.RunDueWorkAsync();
        var paused = await GetCaseAsync(agent, id);
        Assert.True(paused.GetProperty("sla").GetProperty("paused").GetBoolean());
        Assert.Equal("ok", Deadline(paused, "resolution").GetProperty("state").GetString());
        Assert.DoesNotContain(await InboxAsync(agent), n => n.Title.Contains(reference, StringComparison.Ordinal));

        using var resumed = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "inProgress", reason = "Invoice received" });
        var running = await HttpAssert.JsonAsync(resumed);
        Assert.False(running.GetProperty("sla").GetProperty("paused").GetBoolean());
        var dueAfter = Deadline(running, "resolution").GetProperty("dueAt").GetDateTime();
        // Monday 10:00 to Tuesday 10:00 UTC holds one whole business day, which did not count.
        Assert.Equal(dueBefore.AddDays(1), dueAfter);
    }

    // ---- helpers ----

    private static JsonElement Deadline(JsonElement view, string target) =>
        view.GetProperty("sla").GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("target").GetString() == target);

    private static void AssertOwner(JsonElement view, string kind, string id)
    {
        var owner = view.GetProperty("owner");
        Assert.Equal((kind, id), (owner.GetProperty("kind").GetString(), owner.GetProperty("id").GetString()));
    }

    /// <summary>
    /// A private app whose fake clock stands on the next Monday at 10:00 UTC, within business hours in Stockholm all year,
    /// that is a working day in Sweden and Norway and followed by one (not Easter or Whit Monday).
    /// </summary>
    private async Task<(TouchpointApp App, FakeTimeProvider Clock)> StartOnMondayMorningAsync()
    {
        var clock = TestClocks.StartingNow();
        // Access tokens outlive the weeks the test moves through.
        var app = await TouchpointApp.StartAsync(App.Provider, postgres, new Dictionary<string, string?> { ["Touchpoint:Auth:AccessTokenMinutes"] = "86400" }, clock);
        var now = clock.GetUtcNow();
        var monday = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(((int)DayOfWeek.Monday - (int)now.DayOfWeek + 7) % 7).AddHours(10);
        while (monday <= now || HolidayOnMondayOrTuesday(monday))
        {
            monday = monday.AddDays(7);
        }

        clock.Advance(monday - now);
        return (app, clock);
    }

    private static bool HolidayOnMondayOrTuesday(DateTimeOffset monday) =>
        new[] { Jurisdiction.SE, Jurisdiction.NO }.Any(jurisdiction =>
            PublicHolidays.For(jurisdiction).IsHoliday(DateOnly.FromDateTime(monday.UtcDateTime))
            || PublicHolidays.For(jurisdiction).IsHoliday(DateOnly.FromDateTime(monday.UtcDateTime).AddDays(1)));

    /// <summary>Moves the clock to <paramref name="until"/> a day at a time; each day the agent sends a letter about the case and the watcher runs.</summary>
    private static async Task LetTimePassWithDailyLettersAsync(TouchpointApp app, FakeTimeProvider clock, HttpClient agent, string caseId, string customerId, DateTime until)
    {
        while (clock.GetUtcNow().UtcDateTime < until)
        {
            var step = until - clock.GetUtcNow().UtcDateTime;
            clock.Advance(step < TimeSpan.FromDays(1) ? step : TimeSpan.FromDays(1));
            using var letter = await PostAsync(agent, "/api/interactions",
                new { customerId, channel = "letter", direction = "outbound", reason = "Status of your complaint", summary = "Still investigating." });
            var interactionId = (await HttpAssert.JsonAsync(letter, HttpStatusCode.Created)).GetProperty("id").GetString();
            using var linked = await PostAsync(agent, $"/api/cases/{caseId}/contacts", new { interactionId });
            await HttpAssert.JsonAsync(linked);
            await app.RunDueWorkAsync();
        }
    }

    private sealed record InboxItem(string Kind, string Title, string Detail, string? Link);

    private static async Task<List<InboxItem>> InboxAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/inbox?limit=500", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray()
            .Select(n => new InboxItem(n.GetProperty("kind").GetString()!, n.GetProperty("title").GetString()!, n.GetProperty("detail").GetString()!, n.GetProperty("link").GetString()))
            .ToList();
    }

    /// <summary>The first notification in the client's inbox that <paramref name="match"/>es; fails the test when there is none.</summary>
    private static async Task<InboxItem> NotificationAsync(HttpClient client, Func<InboxItem, bool> match)
    {
        var found = (await InboxAsync(client)).FirstOrDefault(match);
        Assert.True(found is not null, "The expected notification is not in the inbox.");
        return found;
    }

    private async Task<string> UserIdAsync(string userName) =>
        await App.WithDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body, Cancel);

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body) => client.PutAsJsonAsync(path, body, Cancel);

    [Fact]
    public async Task My_work_lists_an_owners_open_cases_by_what_breaks_first_and_marks_the_one_waiting_on_the_customer()
    {
        var owner = await CreateUserAsync();
        using var client = await App.CreateClientAsAsync(owner.UserName, owner.Password);
        var customerId = await CreateCustomerAsync(client, "SE");
        var paused = (await CreateCaseAsync(client, customerId, "request", "Waiting for the customer's meter reading")).GetProperty("id").GetString()!;
        var running = (await CreateCaseAsync(client, customerId, "complaint", "Invoice twice as high as agreed", "high")).GetProperty("id").GetString()!;
        using (var pending = await PostAsync(client, $"/api/cases/{paused}/status", new { status = "pending", reason = "Asked for the meter reading" }))
        {
            await HttpAssert.JsonAsync(pending);
        }

        var work = await App.WithDbContextAsync(db => Touchpoint.Features.Work.WorkViews.MyWorkAsync(db, owner.Id, Cancel));

        Assert.Equal(2, work.Items.Count);
        Assert.Equal(work.Items.OrderBy(i => i.DueAt is null).ThenBy(i => i.DueAt).Select(i => i.Id), work.Items.Select(i => i.Id));
        Assert.Equal([running, paused], work.Items.Select(i => i.Id.ToString()));
        Assert.Equal((false, true), (work.Items[0].Paused, work.Items[1].Paused));
    }

    [Fact]
    public async Task My_work_lists_a_first_page_of_what_breaks_first_says_more_is_open_and_grows_on_request()
    {
        var owner = await CreateUserAsync();
        using var client = await App.CreateClientAsAsync(owner.UserName, owner.Password);
        var customerId = await CreateCustomerAsync(client, "SE");
        var low = (await CreateCaseAsync(client, customerId, "request", "Wants a paper invoice", "low")).GetProperty("id").GetString()!;
        var high = (await CreateCaseAsync(client, customerId, "complaint", "No service for three days", "high")).GetProperty("id").GetString()!;
        var medium = (await CreateCaseAsync(client, customerId, "complaint", "Invoice twice as high as agreed", "medium")).GetProperty("id").GetString()!;

        var firstPage = await App.WithDbContextAsync(db => Touchpoint.Features.Work.WorkViews.MyWorkAsync(db, owner.Id, 2, Cancel));
        var everything = await App.WithDbContextAsync(db => Touchpoint.Features.Work.WorkViews.MyWorkAsync(db, owner.Id, 3, Cancel));

        Assert.True(firstPage.Truncated);
        Assert.Equal([high, medium], firstPage.Items.Select(i => i.Id.ToString()));
        Assert.False(everything.Truncated);
        Assert.Equal([high, medium, low], everything.Items.Select(i => i.Id.ToString()));
    }

    private static async Task<JsonElement> GetCaseAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/cases/{id}", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static async Task<JsonElement> CreateCaseAsync(
        HttpClient client, string customerId, string type, string need, string? priority = null, string[]? questions = null)
    {
        using var response = await PostAsync(client, "/api/cases", new { customerId, type, priority, channel = "phone", need, questions });
        return await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    private static async Task HandOverAsync(HttpClient from, HttpClient to, string caseId, string toUserId, string reason)
    {
        using (var requested = await PostAsync(from, $"/api/cases/{caseId}/handoff", new { toUserId, reason }))
        {
            await HttpAssert.JsonAsync(requested);
        }

        using var accepted = await PostAsync(to, $"/api/cases/{caseId}/handoff/accept", new { });
        await HttpAssert.JsonAsync(accepted);
    }

    private static async Task<string> CreateCustomerAsync(HttpClient client, string jurisdiction)
    {
        var phone = jurisdiction switch
        {
            "DK" => $"{DanishMobile}{Random.Shared.Next(100_000, 999_999)}",
            _ => null,
        };
        var identity = phone is null
            ? new { kind = "email", value = $"case.{Guid.NewGuid():N}@example.com" }
            : new { kind = "msisdn", value = phone };
        using var response = await PostAsync(client, "/api/customers", new { name = $"Case Customer {jurisdiction}", jurisdiction, identities = new[] { identity } });
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> FindCustomerAsync(HttpClient client, string identity)
    {
        using var response = await client.GetAsync($"/api/customers?q={Uri.EscapeDataString(identity)}", Cancel);
        return Assert.Single((await HttpAssert.JsonAsync(response)).EnumerateArray(), h => h.GetProperty("exactIdentityMatch").GetBoolean()).GetProperty("id").GetString()!;
    }

    private static async Task<int> OpenCasesOn360Async(HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("openItems").GetProperty("cases").GetInt32();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CaseScenariosOnSqlite(SqliteApp app, PostgresServer postgres) : CaseScenarios(app, postgres), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CaseScenariosOnPostgres(PostgresApp app, PostgresServer postgres) : CaseScenarios(app, postgres), IClassFixture<PostgresApp>;
