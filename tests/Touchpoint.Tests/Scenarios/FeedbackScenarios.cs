using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Messages;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// S4-4 and S1-6 replayed through the public API on a fake clock: a survey goes out an hour after a contact (or a
/// cancellation) in the customer's language, its link is answered once, and a low answer opens a follow-up owned by a
/// team lead with a callback due within one business day; closing it needs the root cause and what was done, and the
/// customer is told what was done in their language. The contact rules: at most one survey in the fatigue window, none
/// while a complaint is open (it waits), none to a customer who objected to marketing. Each test has its own app.
/// </summary>
public abstract partial class FeedbackScenarios(PostgresServer postgres, Provider provider)
{
    /// <summary>Monday 7 December 2026, 09:00 UTC (10:00 in Stockholm and Copenhagen).</summary>
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task S4_4_three_ones_open_a_follow_up_with_a_callback_due_next_business_day_and_closing_it_tells_the_customer_in_Swedish_what_was_done()
    {
        await using var app = await StartAsync();
        using var agent = await app.CreateClientAsAsync("agent");
        using var lead = await app.CreateClientAsAsync("lead");
        var customerId = await CreateCustomerAsync(agent, "Magnus Ekström", "SE", "sv", "magnus.ekstrom@example.se");

        // The cancellation call, 8th in the queue, 14 minutes: recorded by Anna Agent, who reports to Lars Lead.
        await RecordCallAsync(agent, customerId, "Cancel an unused subscription");
        Assert.Empty(await InvitationsAsync(app, customerId));

        app.Clock!.Advance(TimeSpan.FromHours(1));
        await app.RunDueWorkAsync();
        var invitation = Assert.Single(await InvitationsAsync(app, customerId));
        Assert.Equal("sv", invitation.Language);
        Assert.Equal("email", invitation.Type);
        Assert.Equal("Hur gick det?", invitation.Subject);
        Assert.Contains("Berätta om din kontakt med oss den 7 december 2026", invitation.Content, StringComparison.Ordinal);
        var token = TokenIn(invitation.Content);

        using var visitor = app.CreateAnonymousClient();
        using (var page = await visitor.GetAsync($"/survey/{token}", Cancel))
        {
            var html = await page.Content.ReadAsStringAsync(Cancel);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<html lang=\"sv\">", html, StringComparison.Ordinal);
            Assert.Equal(3, Regex.Count(html, "<fieldset"));
            Assert.Contains("Hur nöjd är du på det hela taget?", html, StringComparison.Ordinal);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        using (var answered = await visitor.PostAsJsonAsync($"/survey/{token}", new { scores = Scores(1, 1, 1) }, Cancel))
        {
            var answer = await HttpAssert.JsonAsync(answered);
            Assert.True(answer.GetProperty("low").GetBoolean());
            // One business day on the Swedish calendar (08–16): Monday 11:05 in Stockholm gives Tuesday 11:05.
            Assert.Equal(new DateTime(2026, 12, 8, 10, 5, 0, DateTimeKind.Utc), answer.GetProperty("callbackBy").GetDateTime().ToUniversalTime());
        }

        // Nothing counts twice: the link answers once, and shows the answer given.
        using (var again = await visitor.PostAsJsonAsync($"/survey/{token}", new { scores = Scores(5, 5, 5) }, Cancel))
        {
            await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        }

        using (var shown = await visitor.GetAsync($"/survey/{token}", Cancel))
        {
            var html = await shown.Content.ReadAsStringAsync(Cancel);
            Assert.Contains("data-testid=\"survey-done\"", html, StringComparison.Ordinal);
            Assert.Contains("Du svarade", html, StringComparison.Ordinal);
        }

        var survey = Assert.Single(await SurveysAsync(agent, customerId));
        Assert.Equal("answered", survey.GetProperty("state").GetString());
        Assert.Equal([1, 1, 1], survey.GetProperty("scores").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal("Anna Agent", survey.GetProperty("staffName").GetString());
        var caseId = survey.GetProperty("followUpCaseId").GetString();
        var caseReference = survey.GetProperty("followUpCaseReference").GetString();

        // The follow-up: Lars Lead's, a complaint, with the callback promise due when the answer said.
        using (var followUp = await lead.GetAsync($"/api/cases/{caseId}", Cancel))
        {
            var @case = await HttpAssert.JsonAsync(followUp);
            Assert.Equal("Lars Lead", @case.GetProperty("owner").GetProperty("name").GetString());
            Assert.Equal("complaint", @case.GetProperty("type").GetString());
            Assert.Contains("CSAT 1, 1, 1", @case.GetProperty("need").GetProperty("statement").GetString(), StringComparison.Ordinal);
        }

        using (var promise = await lead.GetAsync($"/api/promises/{survey.GetProperty("followUpPromiseId").GetString()}", Cancel))
        {
            var callback = await HttpAssert.JsonAsync(promise);
            Assert.Equal("callback", callback.GetProperty("kind").GetString());
            Assert.Equal("open", callback.GetProperty("state").GetString());
            Assert.Equal(new DateTime(2026, 12, 8, 10, 5, 0, DateTimeKind.Utc), callback.GetProperty("dueAt").GetDateTime().ToUniversalTime());
            Assert.Equal(caseReference, callback.GetProperty("caseRef").GetString());
        }

        using (var inbox = await lead.GetAsync("/api/inbox", Cancel))
        {
            var items = (await HttpAssert.JsonAsync(inbox)).GetProperty("items").EnumerateArray();
            Assert.Contains(items, n => n.GetProperty("kind").GetString() == "surveyFollowUp" && n.GetProperty("title").GetString()!.StartsWith(caseReference!, StringComparison.Ordinal));
        }

        // The lead's view counts it and lists the follow-up, with the callback not yet due.
        using (var overview = await lead.GetAsync("/api/feedback?days=7", Cancel))
        {
            var feedback = await HttpAssert.JsonAsync(overview);
            Assert.Equal((1, 1, 1, 0), (feedback.GetProperty("answers").GetInt32(), feedback.GetProperty("lowAnswers").GetInt32(),
                feedback.GetProperty("followUpsOpen").GetInt32(), feedback.GetProperty("followUpsOverdue").GetInt32()));
            var row = Assert.Single(feedback.GetProperty("followUps").EnumerateArray());
            Assert.Equal((caseReference, "Lars Lead", "Magnus Ekström"), (row.GetProperty("caseReference").GetString(), row.GetProperty("ownerName").GetString(), row.GetProperty("customerName").GetString()));
            Assert.Equal("Lars Lead", Assert.Single(feedback.GetProperty("byTeam").EnumerateArray()).GetProperty("key").GetString());
            Assert.Equal(JsonValueKind.Null, feedback.GetProperty("followedUpInTime").ValueKind);
        }

        using (var badWindow = await lead.GetAsync("/api/feedback?days=0", Cancel))
        {
            await HttpAssert.ValidationProblemAsync(badWindow, "days");
        }

        // Closing it needs what was learned and what was done; then the customer hears it, in Swedish.
        using (var need = await lead.PutAsJsonAsync($"/api/cases/{caseId}/need", new { resolved = true }, Cancel))
        {
            await HttpAssert.JsonAsync(need);
        }

        using (var noCause = await lead.PostAsJsonAsync($"/api/cases/{caseId}/status", new { status = "resolved", reason = "Called him." }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(noCause, "rootCause");
        }

        using (var noWords = await lead.PostAsJsonAsync($"/api/cases/{caseId}/status", new { status = "resolved", rootCause = "processLimitation" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(noWords, "reason");
        }

        Assert.Empty(await MessagesAsync(app, customerId, MessagePurposes.WhatWeDid));
        const string Done = "Du kan nu säga upp abonnemang på webben, och butiken kan ringa upp åt dig samma dag.";
        using (var closed = await lead.PostAsJsonAsync($"/api/cases/{caseId}/status", new { status = "resolved", rootCause = "processLimitation", reason = Done }, Cancel))
        {
            Assert.Equal("resolved", (await HttpAssert.JsonAsync(closed)).GetProperty("status").GetString());
        }

        var told = Assert.Single(await MessagesAsync(app, customerId, MessagePurposes.WhatWeDid));
        Assert.Equal("sv", told.Language);
        Assert.Equal("Det här gjorde vi efter ditt svar", told.Subject);
        Assert.Contains($"Det här gjorde vi: {Done}", told.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("your views are important", told.Content, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(EnglishLeaks.In(told.Content, "sv"));

        // Closing afterwards asks nothing more and tells the customer nothing twice.
        using (var closedForGood = await lead.PostAsJsonAsync($"/api/cases/{caseId}/status", new { status = "closed" }, Cancel))
        {
            await HttpAssert.JsonAsync(closedForGood);
        }

        Assert.Single(await MessagesAsync(app, customerId, MessagePurposes.WhatWeDid));
        var entry = Assert.Single(await TimelineAsync(agent, customerId, "kind=survey"));
        Assert.StartsWith("Low survey answer after a contact: CSAT 1, 1, 1", entry.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S1_6_an_NPS_0_after_leaving_opens_a_follow_up_for_the_former_customer_that_says_how_he_left()
    {
        await using var app = await StartAsync(new() { ["Touchpoint:Surveys:LinkValidityDays"] = "90" });
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Henrik Møller", "DK", "da", "henrik.moller@example.dk");
        var subscriptionId = await SubscribeAsync(agent, customerId, "DK-MOBIL-FRI", "+4520" + Random.Shared.Next(100_000, 999_999));
        using (var cancelled = await agent.PostAsJsonAsync($"/api/subscriptions/{subscriptionId}/cancellation", new { channel = "phone" }, Cancel))
        {
            await HttpAssert.JsonAsync(cancelled, HttpStatusCode.Created);
        }

        app.Clock!.Advance(TimeSpan.FromHours(1));
        await app.RunDueWorkAsync();
        var invitation = Assert.Single(await InvitationsAsync(app, customerId));
        Assert.Equal("da", invitation.Language);
        Assert.Contains("din opsigelse", invitation.Content, StringComparison.Ordinal);
        var token = TokenIn(invitation.Content);

        // He leaves: the notice runs out and the subscription ends.
        app.Clock.Advance(TimeSpan.FromDays(40));
        await app.RunDueWorkAsync();
        Assert.Equal(SubscriptionStatus.Terminated,
            await app.WithDbContextAsync(db => db.Subscriptions.Where(s => s.Id == Guid.Parse(subscriptionId)).Select(s => s.Status).SingleAsync(Cancel)));

        using var visitor = app.CreateAnonymousClient();
        using (var page = await visitor.GetAsync($"/survey/{token}", Cancel))
        {
            var html = await page.Content.ReadAsStringAsync(Cancel);
            Assert.Equal(1, Regex.Count(html, "<fieldset"));
            Assert.Contains("Hvor sandsynligt er det, at du vil anbefale os", html, StringComparison.Ordinal);
            Assert.Equal(11, Regex.Count(html, "type=\"radio\""));
        }

        using (var answered = await visitor.PostAsJsonAsync($"/survey/{token}", new { scores = Scores(0), comment = "1.600 kr. billigere om året hos en anden." }, Cancel))
        {
            Assert.True((await HttpAssert.JsonAsync(answered)).GetProperty("low").GetBoolean());
        }

        var survey = Assert.Single(await SurveysAsync(agent, customerId));
        Assert.Equal("termination", survey.GetProperty("trigger").GetString());
        using var followUp = await agent.GetAsync($"/api/cases/{survey.GetProperty("followUpCaseId").GetString()}", Cancel);
        var @case = await HttpAssert.JsonAsync(followUp);
        Assert.Equal("Lars Lead", @case.GetProperty("owner").GetProperty("name").GetString());
        var need = @case.GetProperty("need").GetProperty("statement").GetString()!;
        Assert.Contains("NPS 0", need, StringComparison.Ordinal);
        Assert.Contains("They left: cancellation", need, StringComparison.Ordinal);
        Assert.Contains("1.600 kr. billigere", need, StringComparison.Ordinal);
        Assert.NotNull(survey.GetProperty("followUpPromiseId").GetString());
    }

    [Fact]
    public async Task A_second_survey_within_the_fatigue_window_is_never_sent_and_an_open_complaint_makes_one_wait_until_it_is_resolved()
    {
        await using var app = await StartAsync();
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Eva Enkät", "SE", "sv", "eva.enkat@example.se");

        await RecordCallAsync(agent, customerId, "Question about the bill");
        app.Clock!.Advance(TimeSpan.FromHours(1));
        await app.RunDueWorkAsync();
        Assert.Single(await InvitationsAsync(app, customerId));

        // A second contact a week later: inside the 30 days, so its survey is suppressed, whatever the channel.
        app.Clock.Advance(TimeSpan.FromDays(7));
        await RecordCallAsync(agent, customerId, "Another question", channel: "chat");
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.RunDueWorkAsync();
        Assert.Single(await InvitationsAsync(app, customerId));
        var suppressed = (await SurveysAsync(agent, customerId)).First();
        Assert.Equal(("suppressed", "fatigue"), (suppressed.GetProperty("state").GetString(), suppressed.GetProperty("holdup").GetString()));

        // Past the window, but with a complaint open: the survey waits, and goes once the complaint is resolved.
        app.Clock.Advance(TimeSpan.FromDays(30));
        using var complaint = await agent.PostAsJsonAsync("/api/cases", new { customerId, type = "complaint", channel = "phone", need = "Charged twice" }, Cancel);
        var complaintId = (await HttpAssert.JsonAsync(complaint, HttpStatusCode.Created)).GetProperty("id").GetString();
        await RecordCallAsync(agent, customerId, "About the double charge");
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.RunDueWorkAsync();
        Assert.Single(await InvitationsAsync(app, customerId));
        var waiting = (await SurveysAsync(agent, customerId)).First();
        Assert.Equal(("scheduled", "openComplaint"), (waiting.GetProperty("state").GetString(), waiting.GetProperty("holdup").GetString()));

        using (var need = await agent.PutAsJsonAsync($"/api/cases/{complaintId}/need", new { resolved = true }, Cancel))
        {
            await HttpAssert.JsonAsync(need);
        }

        using (var resolved = await agent.PostAsJsonAsync($"/api/cases/{complaintId}/status", new { status = "resolved", rootCause = "billingError" }, Cancel))
        {
            await HttpAssert.JsonAsync(resolved);
        }

        app.Clock.Advance(TimeSpan.FromHours(6));
        await app.RunDueWorkAsync();
        Assert.Equal(2, (await InvitationsAsync(app, customerId)).Count);
        var surveys = await SurveysAsync(agent, customerId);
        Assert.Equal("sent", surveys.Single(s => s.GetProperty("trigger").GetString() == "interaction" && s.GetProperty("holdup").ValueKind == JsonValueKind.Null
            && s.GetProperty("sentAt").GetDateTime().ToUniversalTime() > Start.UtcDateTime.AddDays(30)).GetProperty("state").GetString());
        // The survey after the resolved complaint itself is inside the window of the one just sent: never sent.
        Assert.Contains(surveys, s => s.GetProperty("trigger").GetString() == "caseResolved" && s.GetProperty("holdup").GetString() == "fatigue");
    }

    [Fact]
    public async Task A_customer_who_objected_to_marketing_is_never_surveyed()
    {
        await using var app = await StartAsync();
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Olle Objektion", "SE", "sv", "olle.objektion@example.se");
        using (var objected = await agent.PostAsJsonAsync($"/api/customers/{customerId}/marketing-objection", new { channel = "phone" }, Cancel))
        {
            await HttpAssert.JsonAsync(objected, HttpStatusCode.Created);
        }

        await RecordCallAsync(agent, customerId, "Question about roaming");
        app.Clock!.Advance(TimeSpan.FromHours(1));
        await app.RunDueWorkAsync();

        Assert.Empty(await InvitationsAsync(app, customerId));
        var survey = Assert.Single(await SurveysAsync(agent, customerId));
        Assert.Equal(("suppressed", "objection"), (survey.GetProperty("state").GetString(), survey.GetProperty("holdup").GetString()));
    }

    [Fact]
    public async Task Bad_answers_are_refused_naming_the_field_and_change_nothing_and_a_link_answers_until_it_expires()
    {
        await using var app = await StartAsync();
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Bo Bad", "SE", "sv", "bo.bad@example.se");
        await RecordCallAsync(agent, customerId, "Question about the bill");
        app.Clock!.Advance(TimeSpan.FromHours(1));
        await app.RunDueWorkAsync();
        var token = TokenIn(Assert.Single(await InvitationsAsync(app, customerId)).Content);
        using var visitor = app.CreateAnonymousClient();

        await AssertRefusedAsync(new { scores = Scores(1, 6, 1) }, "scores[1]");
        await AssertRefusedAsync(new { scores = Scores(1, 2) }, "scores");
        await AssertRefusedAsync(new { scores = Answers(1, null, 3) }, "scores[1]");
        await AssertRefusedAsync(new { scores = Scores(1, 2, 3), comment = new string('x', 2001) }, "comment");
        using (var garbage = await visitor.PostAsync($"/survey/{token}", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Cancel))
        {
            await HttpAssert.ValidationProblemAsync(garbage, "body");
        }

        using (var unknown = await visitor.PostAsJsonAsync("/survey/not-a-token", new { scores = Scores(1, 1, 1) }, Cancel))
        {
            await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        }

        using (var unknownPage = await visitor.GetAsync($"/survey/{new string('a', 500)}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownPage.StatusCode);
        }

        Assert.Equal("sent", Assert.Single(await SurveysAsync(agent, customerId)).GetProperty("state").GetString());

        // Fourteen days on, the link is closed: the page says so and an answer is refused.
        app.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        using (var closedPage = await visitor.GetAsync($"/survey/{token}", Cancel))
        {
            Assert.Equal(HttpStatusCode.Gone, closedPage.StatusCode);
            Assert.Contains("Enkäten stängde", await closedPage.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        using (var late = await visitor.PostAsJsonAsync($"/survey/{token}", new { scores = Scores(4, 4, 4) }, Cancel))
        {
            await HttpAssert.ProblemAsync(late, HttpStatusCode.Conflict);
        }

        Assert.Equal("sent", Assert.Single(await SurveysAsync(agent, customerId)).GetProperty("state").GetString());

        async Task AssertRefusedAsync(object body, string field)
        {
            using var refused = await visitor.PostAsJsonAsync($"/survey/{token}", body, Cancel);
            await HttpAssert.ValidationProblemAsync(refused, field);
        }
    }

    [Fact]
    public async Task The_page_takes_the_form_a_phone_posts_and_a_flood_from_one_address_is_refused()
    {
        await using var app = await StartAsync(new() { ["Touchpoint:Surveys:AnswersPerAddressPerHour"] = "3" });
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Fia Form", "SE", "sv", "fia.form@example.se");
        await RecordCallAsync(agent, customerId, "Question about the bill");
        app.Clock!.Advance(TimeSpan.FromHours(1));
        await app.RunDueWorkAsync();
        var token = TokenIn(Assert.Single(await InvitationsAsync(app, customerId)).Content);
        using var visitor = app.CreateAnonymousClient();

        using (var missing = await visitor.PostAsync($"/survey/{token}", Form(("q0", "4"), ("q2", "5")), Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Contains("Svara på alla frågor.", await missing.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        using (var answered = await visitor.PostAsync($"/survey/{token}", Form(("q0", "4"), ("q1", "5"), ("q2", "5"), ("comment", "Snabbt och vänligt.")), Cancel))
        {
            var html = await answered.Content.ReadAsStringAsync(Cancel);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Assert.Contains("Tack. Vi läser varje svar.", html, StringComparison.Ordinal);
            Assert.Contains("Snabbt och vänligt.", html, StringComparison.Ordinal);
        }

        var survey = Assert.Single(await SurveysAsync(agent, customerId));
        Assert.Equal([4, 5, 5], survey.GetProperty("scores").EnumerateArray().Select(s => s.GetInt32()));
        Assert.False(survey.GetProperty("low").GetBoolean());
        Assert.Equal(JsonValueKind.Null, survey.GetProperty("followUpCaseId").ValueKind);

        using (var third = await visitor.PostAsJsonAsync("/survey/whatever", new { scores = Scores(1) }, Cancel))
        {
            await HttpAssert.ProblemAsync(third, HttpStatusCode.NotFound);
        }

        using var flood = await visitor.PostAsJsonAsync("/survey/whatever", new { scores = Scores(1) }, Cancel);
        await HttpAssert.ProblemAsync(flood, HttpStatusCode.TooManyRequests);
    }

    private async Task<TouchpointApp> StartAsync(Dictionary<string, string?>? settings = null)
    {
        // Staff stay signed in while the clock moves weeks.
        var all = new Dictionary<string, string?>(settings ?? []) { ["Touchpoint:Surveys:Enabled"] = "true", ["Touchpoint:Auth:AccessTokenMinutes"] = "200000" };
        return await TouchpointApp.StartAsync(provider, postgres, all, new FakeTimeProvider(Start));
    }

    private static int[] Scores(params int[] scores) => scores;

    private static int?[] Answers(params int?[] scores) => scores;

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static string TokenIn(string content) => SurveyLink().Match(content) is { Success: true } match
        ? match.Groups["token"].Value
        : throw new InvalidOperationException($"No survey link in: {content}");

    [GeneratedRegex(@"/survey/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex SurveyLink();

    private static async Task<Guid> CreateCustomerAsync(HttpClient agent, string name, string jurisdiction, string language, string email)
    {
        using var response = await agent.PostAsJsonAsync("/api/customers", new
        {
            name,
            jurisdiction,
            identities = new[] { new { kind = "email", value = email } },
            preferences = new { preferredLanguage = language },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static async Task<string> SubscribeAsync(HttpClient agent, Guid customerId, string plan, string msisdn)
    {
        using var response = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId, planCode = plan, msisdn, startDate = "2025-01-06" }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task RecordCallAsync(HttpClient agent, Guid customerId, string reason, string channel = "phone")
    {
        using var call = await agent.PostAsJsonAsync("/api/interactions", new { customerId, channel, direction = "inbound", reason }, Cancel);
        await HttpAssert.JsonAsync(call, HttpStatusCode.Created);
    }

    private static async Task<List<JsonElement>> SurveysAsync(HttpClient client, Guid customerId)
    {
        using var response = await client.GetAsync($"/api/surveys?customerId={customerId}", Cancel);
        return [.. (await HttpAssert.JsonAsync(response)).EnumerateArray()];
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, Guid customerId, string query)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?{query}", Cancel);
        return [.. (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray()];
    }

    private static Task<List<OutboundMessage>> InvitationsAsync(TouchpointApp app, Guid customerId) => MessagesAsync(app, customerId, MessagePurposes.SurveyInvitation);

    private static Task<List<OutboundMessage>> MessagesAsync(TouchpointApp app, Guid customerId, string purpose) =>
        app.WithDbContextAsync(db => db.OutboundMessages.AsNoTracking()
            .Where(m => m.CustomerId == customerId && m.Purpose == purpose).OrderBy(m => m.CreatedAt).ToListAsync(Cancel));
}

[Trait("Provider", "Sqlite")]
public sealed class FeedbackScenariosOnSqlite(PostgresServer postgres) : FeedbackScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class FeedbackScenariosOnPostgres : FeedbackScenarios
{
    public FeedbackScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
