using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// Leaving in every channel, replayed through the public HTTP API on a fake clock: S0-5 (a phone sale withdrawn in a
/// store), S4-1 (cancelling on the web alone, in two steps), S1-5 (a withdrawn cancellation never worsens the terms),
/// and bad input. The app's own watcher ends subscriptions when their date comes; the test only moves time.
/// Each test moves time, so each has an app of its own.
/// </summary>
public abstract partial class LeavingScenarios(PostgresServer postgres, Provider provider)
{
    private const string Messages = "/tmf-api/communicationManagement/v4/communicationMessage";
    private const string LarsMsisdn = "+46706004300";
    private const string MagnusMsisdn = "+46707770404";
    private const string HenrikMsisdn = "+4520550101";
    private const string BertMsisdn = "+46705550303";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task S0_5_a_phone_sale_withdrawn_in_a_store_on_day_10_is_accepted_and_ends_the_subscription_at_once()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var lars = await story.CustomerIdAsync(LarsMsisdn);
        var sale = await story.PhoneSaleAsync(lars, "+46706004301");

        story.AtDay(10);
        var choices = await Story.ChoicesAsync(story.Store, sale);
        Assert.True(choices.GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());
        Assert.Contains("CRD-9", Rules(choices.GetProperty("withdrawal")));

        using var response = await story.Store.PostAsJsonAsync($"/api/subscriptions/{sale}/withdrawal", new { channel = "store" }, Cancel);
        var withdrawal = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);

        Assert.Equal("withdrawal", withdrawal.GetProperty("kind").GetString());
        Assert.Equal("store", withdrawal.GetProperty("channel").GetString());
        Assert.Equal("completed", withdrawal.GetProperty("state").GetString());
        Assert.Equal(story.Today, DateOnly.Parse(withdrawal.GetProperty("effectiveDate").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("Sara Store", withdrawal.GetProperty("requestedByName").GetString());
        Assert.Equal("terminated", await story.SubscriptionStatusAsync(sale));

        var entry = Assert.Single(await story.TimelineAsync(lars, "subscriptionChange"), e => e.GetProperty("title").GetString()!.StartsWith("Withdrawal", StringComparison.Ordinal));
        Assert.Equal("store", entry.GetProperty("channel").GetString());
        Assert.Contains(Iso(story.Today), entry.GetProperty("title").GetString(), StringComparison.Ordinal);

        var confirmation = Assert.Single(await story.MessagesAsync(lars), m => Purpose(m) == "leavingConfirmation");
        Assert.Equal("lars.persson@example.se", confirmation.GetProperty("receiver")[0].GetProperty("email").GetString());
        Assert.Contains(withdrawal.GetProperty("reference").GetString()!, confirmation.GetProperty("content").GetString(), StringComparison.Ordinal);
        // In his language, at his own clock, named: Lars is a Swedish customer in Sweden.
        var stockholm = TimeZoneInfo.ConvertTimeFromUtc(story.Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"));
        Assert.Contains(string.Create(Swedish, $"Den {stockholm:d MMMM yyyy} kl. {stockholm:HH:mm} (svensk tid) bekräftade vi att du har ångrat"),
            confirmation.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S0_5_the_same_withdrawal_on_day_20_is_refused_naming_CRD_9_and_changes_nothing_but_cancelling_stays_open()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var lars = await story.CustomerIdAsync(LarsMsisdn);
        var sale = await story.PhoneSaleAsync(lars, "+46706004302");

        story.AtDay(20);
        using var response = await story.Store.PostAsJsonAsync($"/api/subscriptions/{sale}/withdrawal", new { channel = "store" }, Cancel);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("CRD-9", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("CRD-9", problem.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("active", await story.SubscriptionStatusAsync(sale));
        Assert.DoesNotContain(await story.TimelineAsync(lars, "subscriptionChange"), e => e.GetProperty("title").GetString()!.StartsWith("Withdrawal", StringComparison.Ordinal));
        Assert.DoesNotContain(await story.MessagesAsync(lars), m => Purpose(m) == "leavingConfirmation");

        var choices = await Story.ChoicesAsync(story.Store, sale);
        Assert.False(choices.GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());
        Assert.Equal(story.Today.AddMonths(1), DateOnly.Parse(choices.GetProperty("cancellation").GetProperty("effectiveDate").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task S4_1_Magnus_cancels_on_the_web_alone_in_two_steps_and_is_terminated_on_the_effective_date()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(MagnusMsisdn);
        using var visitor = story.App.CreateAnonymousClient();

        // Step 1: the number as he types it, and the e-mail address he gave us. The code goes to the address on file.
        var request = await Story.StartLeaveAsync(visitor, "magnus ek", "070-777 04 04", "Magnus.Ek@example.se");
        var code = await story.CodeSentToAsync(magnus, "magnus.ek@example.se");
        var codeEntry = Assert.Single(await story.TimelineAsync(magnus, "message"));
        Assert.DoesNotContain(code, codeEntry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var verified = await visitor.PostAsJsonAsync($"/api/leave/requests/{request}/verify", new { code }, Cancel);
        var choices = await HttpAssert.JsonAsync(verified);
        Assert.False(choices.GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());
        var cancellation = choices.GetProperty("cancellation");
        var effective = story.Today.AddMonths(1);
        Assert.Equal(effective, DateOnly.Parse(cancellation.GetProperty("effectiveDate").GetString()!, CultureInfo.InvariantCulture));
        Assert.Contains("EU-105-2", Rules(cancellation));
        Assert.False(string.IsNullOrWhiteSpace(cancellation.GetProperty("explanation").GetString()));

        // Step 2: one button.
        using var confirmed = await visitor.PostAsJsonAsync($"/api/leave/requests/{request}/confirm", new { action = "cancellation" }, Cancel);
        var termination = await HttpAssert.JsonAsync(confirmed, HttpStatusCode.Created);
        Assert.Equal("web", termination.GetProperty("channel").GetString());
        Assert.Equal("pending", termination.GetProperty("state").GetString());
        Assert.Equal(story.Now, termination.GetProperty("requestedAt").GetDateTime().ToUniversalTime());
        var subscription = termination.GetProperty("subscriptionId").GetString()!;
        Assert.Equal("pendingTerminate", await story.SubscriptionStatusAsync(subscription));

        var reference = termination.GetProperty("reference").GetString()!;
        var kept = Assert.Single(await story.MessagesAsync(magnus), m => Purpose(m) == "leavingConfirmation");
        Assert.Equal("magnus.ek@example.se", kept.GetProperty("receiver")[0].GetProperty("email").GetString());
        Assert.Contains(reference, kept.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains(effective.ToString("d MMMM yyyy", Swedish), kept.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Din uppsägning är bekräftad", kept.GetProperty("subject").GetString(), StringComparison.Ordinal);
        var confirmedEntry = Assert.Single(await story.TimelineAsync(magnus, "subscriptionChange"), e => e.GetProperty("title").GetString()!.StartsWith("Cancellation", StringComparison.Ordinal));
        Assert.Equal("web", confirmedEntry.GetProperty("channel").GetString());
        Assert.Contains(Iso(effective), confirmedEntry.GetProperty("title").GetString(), StringComparison.Ordinal);

        // A second confirmation of the same request changes nothing.
        using var again = await visitor.PostAsJsonAsync($"/api/leave/requests/{request}/confirm", new { action = "cancellation" }, Cancel);
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);

        // The day before, nothing; on the effective date the timer ends it.
        story.At(effective.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-1));
        await story.App.RunDueWorkAsync();
        Assert.Equal("pendingTerminate", await story.SubscriptionStatusAsync(subscription));

        story.At(effective.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        await story.App.RunDueWorkAsync();
        Assert.Equal("terminated", await story.SubscriptionStatusAsync(subscription));
        Assert.Single(await story.TimelineAsync(magnus, "subscriptionChange"), e => e.GetProperty("title").GetString()!.EndsWith("ended", StringComparison.Ordinal));
        using var done = await story.Agent.GetAsync($"/api/terminations/{termination.GetProperty("id").GetString()}", Cancel);
        Assert.Equal("completed", (await HttpAssert.JsonAsync(done)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task S1_5_a_cancellation_withdrawn_at_the_operators_request_leaves_notice_and_binding_as_they_were()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var henrik = await story.CustomerIdAsync(HenrikMsisdn);
        var subscription = await story.SubscriptionOfAsync(henrik, HenrikMsisdn);
        var before = (await Story.ChoicesAsync(story.Agent, subscription)).GetProperty("cancellation");

        using var first = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{subscription}/cancellation", new { channel = "phone" }, Cancel);
        var cancelled = await HttpAssert.JsonAsync(first, HttpStatusCode.Created);
        Assert.Equal(story.Today.AddMonths(1), DateOnly.Parse(cancelled.GetProperty("effectiveDate").GetString()!, CultureInfo.InvariantCulture));

        story.AtDay(2);
        using var revoked = await story.Agent.PostAsJsonAsync($"/api/terminations/{cancelled.GetProperty("id").GetString()}/revoke",
            new { requestedBy = "operator", channel = "phone" }, Cancel);
        Assert.Equal("revoked", (await HttpAssert.JsonAsync(revoked)).GetProperty("state").GetString());
        Assert.Equal("active", await story.SubscriptionStatusAsync(subscription));
        var withdrawnEntry = Assert.Single(await story.TimelineAsync(henrik, "subscriptionChange"), e => e.GetProperty("title").GetString()!.Contains("withdrawn at the operator's request", StringComparison.Ordinal));
        Assert.Contains("TP-1", withdrawnEntry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // He cancels again: one month's notice from today, the same rule, still no binding; not three months (S1-5).
        story.AtDay(5);
        var after = (await Story.ChoicesAsync(story.Agent, subscription)).GetProperty("cancellation");
        Assert.Equal(before.GetProperty("noticeMonths").GetInt32(), after.GetProperty("noticeMonths").GetInt32());
        Assert.True(after.GetProperty("noticeMonths").GetInt32() <= 1);
        Assert.False(after.GetProperty("isBound").GetBoolean());
        Assert.Equal(Rules(before), Rules(after));
        using var second = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{subscription}/cancellation", new { channel = "phone" }, Cancel);
        var again = await HttpAssert.JsonAsync(second, HttpStatusCode.Created);
        Assert.Equal(story.Today.AddMonths(1), DateOnly.Parse(again.GetProperty("effectiveDate").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(Rules(before), Rules(again));
        Assert.Null(await story.BindingEndAsync(subscription));
    }

    [Fact]
    public async Task Bad_input_from_staff_is_a_clear_error_and_changes_nothing()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(MagnusMsisdn);
        var subscription = await story.SubscriptionOfAsync(magnus, MagnusMsisdn);
        var timelineBefore = (await story.TimelineAsync(magnus, "subscriptionChange")).Count;

        using (var unknown = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{Guid.NewGuid()}/cancellation", new { channel = "phone" }, Cancel))
        {
            Assert.Contains("no subscription", (await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var unknownChoices = await story.Agent.GetAsync($"/api/subscriptions/{Guid.NewGuid()}/leaving", Cancel))
        {
            await HttpAssert.ProblemAsync(unknownChoices, HttpStatusCode.NotFound);
        }

        using (var past = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{subscription}/cancellation",
                   new { channel = "phone", effectiveDate = Iso(story.Today.AddDays(-1)) }, Cancel))
        {
            Assert.Contains("in the past", (await HttpAssert.ValidationProblemAsync(past, "effectiveDate")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var tooEarly = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{subscription}/cancellation",
                   new { channel = "phone", effectiveDate = Iso(story.Today.AddDays(3)) }, Cancel))
        {
            Assert.Contains(Iso(story.Today.AddMonths(1)), (await HttpAssert.ValidationProblemAsync(tooEarly, "effectiveDate")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var noChannel = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{subscription}/cancellation", new { }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(noChannel, "channel");
        }

        Assert.Equal("active", await story.SubscriptionStatusAsync(subscription));
        Assert.Equal(timelineBefore, (await story.TimelineAsync(magnus, "subscriptionChange")).Count);
        Assert.DoesNotContain(await story.MessagesAsync(magnus), m => Purpose(m) == "leavingConfirmation");

        // A later day than the earliest is the customer's to choose.
        var wished = story.Today.AddMonths(2);
        using var later = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{subscription}/cancellation",
            new { channel = "chat", effectiveDate = Iso(wished), declinedRetentionOffer = "Three months at half price" }, Cancel);
        var cancelled = await HttpAssert.JsonAsync(later, HttpStatusCode.Created);
        Assert.Equal(wished, DateOnly.Parse(cancelled.GetProperty("effectiveDate").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("Three months at half price", cancelled.GetProperty("declinedRetentionOffer").GetString());
        using var twice = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{subscription}/cancellation", new { channel = "phone" }, Cancel);
        Assert.Contains(cancelled.GetProperty("reference").GetString()!, (await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Self_service_answers_a_mismatch_as_a_match_and_refuses_wrong_expired_and_spent_codes()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(MagnusMsisdn);
        var subscription = await story.SubscriptionOfAsync(magnus, MagnusMsisdn);
        using var visitor = story.App.CreateAnonymousClient();

        // Unknown number, wrong name, an address not on file: the same answer as a match, and no message to anyone.
        var matched = await Story.StartLeaveBodyAsync(visitor, "Magnus Ek", MagnusMsisdn, "magnus.ek@example.se");
        var code = await story.CodeSentToAsync(magnus, "magnus.ek@example.se");
        var unknownNumber = await Story.StartLeaveBodyAsync(visitor, "Magnus Ek", "+46709999999", "magnus.ek@example.se");
        var wrongName = await Story.StartLeaveBodyAsync(visitor, "Magnus Eklund", MagnusMsisdn, "magnus.ek@example.se");
        var otherAddress = await Story.StartLeaveBodyAsync(visitor, "Magnus Ek", MagnusMsisdn, "attacker@example.com");
        Assert.All([unknownNumber, wrongName, otherAddress], neutral => Assert.Equal(matched.GetProperty("message").GetString(), neutral.GetProperty("message").GetString()));
        Assert.Single(await story.MessagesAsync(magnus), m => Purpose(m) == "oneTimeCode");
        Assert.Empty(await story.MessagesByEmailAsync("attacker@example.com"));

        // A mismatch's request never verifies, whatever code is tried.
        using (var decoy = await visitor.PostAsJsonAsync($"/api/leave/requests/{otherAddress.GetProperty("requestId").GetString()}/verify", new { code }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(decoy, "code");
        }

        using (var missing = await visitor.PostAsJsonAsync("/api/leave/requests", new { name = "Magnus Ek", contact = "magnus.ek@example.se" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(missing, "subscription");
        }

        // Wrong code: refused, attempts counted; confirming without verification is refused.
        var request = matched.GetProperty("requestId").GetString()!;
        var wrong = code == "000000" ? "111111" : "000000";
        using (var wrongCode = await visitor.PostAsJsonAsync($"/api/leave/requests/{request}/verify", new { code = wrong }, Cancel))
        {
            Assert.Contains("4 attempts left", (await HttpAssert.ValidationProblemAsync(wrongCode, "code")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var unverified = await visitor.PostAsJsonAsync($"/api/leave/requests/{request}/confirm", new { action = "cancellation" }, Cancel))
        {
            await HttpAssert.ProblemAsync(unverified, HttpStatusCode.NotFound);
        }

        // Expired: eleven minutes later the right code no longer works.
        story.At(story.Now.AddMinutes(11));
        using (var expired = await visitor.PostAsJsonAsync($"/api/leave/requests/{request}/verify", new { code }, Cancel))
        {
            Assert.Contains("expired", (await HttpAssert.ValidationProblemAsync(expired, "code")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Five wrong codes spend a fresh one, even for the right code after them.
        var fresh = (await Story.StartLeaveBodyAsync(visitor, "Magnus Ek", subscription, "+46 70 777 04 04")).GetProperty("requestId").GetString()!;
        var freshCode = await story.CodeSentToPhoneAsync(magnus, MagnusMsisdn);
        var wrongFresh = freshCode == "000000" ? "111111" : "000000";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await visitor.PostAsJsonAsync($"/api/leave/requests/{fresh}/verify", new { code = wrongFresh }, Cancel);
            await HttpAssert.ValidationProblemAsync(failed, "code");
        }

        using (var spent = await visitor.PostAsJsonAsync($"/api/leave/requests/{fresh}/verify", new { code = freshCode }, Cancel))
        {
            Assert.Contains("Too many", (await HttpAssert.ValidationProblemAsync(spent, "code")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("active", await story.SubscriptionStatusAsync(subscription));
        Assert.DoesNotContain(await story.MessagesAsync(magnus), m => Purpose(m) == "leavingConfirmation");
    }

    [Fact]
    public async Task S0_6_a_price_rise_is_announced_to_Bert_a_month_ahead_and_opens_three_months_to_leave_free_of_his_binding()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var bert = await story.CustomerIdAsync(BertMsisdn);
        var broadband = await story.OnlySubscriptionOfAsync(bert);
        using var admin = await story.App.CreateAdminClientAsync();
        Assert.True((await Story.ChoicesAsync(story.Agent, broadband)).GetProperty("cancellation").GetProperty("isBound").GetBoolean());

        // Too soon: less than the month's announcement the law asks for; nothing is sent.
        using (var tooSoon = await admin.PostAsJsonAsync("/api/plans/SE-MBB-4G/term-changes",
                   new { kind = "worse", description = "The monthly price rises.", effectiveOn = Iso(story.Today.AddDays(10)), newMonthlyPrice = 249m }, Cancel))
        {
            Assert.Contains("EU-105-3", (await HttpAssert.ValidationProblemAsync(tooSoon, "effectiveOn")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(await story.MessagesAsync(bert), m => Purpose(m) == "termChangeNotice");

        var effectiveOn = story.Today.AddMonths(1).AddDays(1);
        using var announced = await admin.PostAsJsonAsync("/api/plans/SE-MBB-4G/term-changes",
            new { kind = "worse", description = "The monthly price rises.", effectiveOn = Iso(effectiveOn), newMonthlyPrice = 249m }, Cancel);
        var change = await HttpAssert.JsonAsync(announced, HttpStatusCode.Created);
        Assert.True(change.GetProperty("opensTerminationRight").GetBoolean());
        Assert.Contains("SE-2", Rules(change));

        var windowEnds = story.Today.AddMonths(3);
        var notice = Assert.Single(await story.MessagesAsync(bert), m => Purpose(m) == "termChangeNotice");
        Assert.Equal("bert.lindqvist@example.se", notice.GetProperty("receiver")[0].GetProperty("email").GetString());
        // In Bert's language, the price as Swedes write it, the law by its Swedish name.
        var content = notice.GetProperty("content").GetString()!.Replace('\u00A0', ' ');
        Assert.Contains("Månadspriset blir 249,00 kr", content, StringComparison.Ordinal);
        Assert.Contains($"kostnadsfritt, oavsett bindningstid, till och med {windowEnds.ToString("d MMMM yyyy", Swedish)}", content, StringComparison.Ordinal);
        Assert.Contains("Lag: lagen om elektronisk kommunikation (EU-105-3, SE-2)", content, StringComparison.Ordinal);
        Assert.Empty(EnglishLeaks.In(content.Replace("The monthly price rises.", "", StringComparison.Ordinal), "sv"));
        Assert.Contains(await story.TimelineAsync(bert, "message"), e => e.GetProperty("title").GetString()!.Contains($"från och med {effectiveOn.ToString("d MMMM yyyy", Swedish)}", StringComparison.Ordinal));

        // Leaving under it is free: no binding holds while the window is open, on the staff and the self-service side alike.
        var choices = await Story.ChoicesAsync(story.Agent, broadband);
        Assert.Equal(Iso(windowEnds), choices.GetProperty("freeTerminationUntil").GetString());
        Assert.False(choices.GetProperty("cancellation").GetProperty("isBound").GetBoolean());
        Assert.Equal(Iso(story.Today.AddMonths(1)), choices.GetProperty("cancellation").GetProperty("effectiveDate").GetString());
        Assert.Contains("SE-2", Rules(choices.GetProperty("cancellation")));

        // On the effective date the new price applies.
        story.At(effectiveOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        await story.App.RunDueWorkAsync();
        Assert.Equal(249m, await story.MonthlyPriceAsync(bert, broadband));

        // EU-102: the changed contract has its summary at the new price.
        using var summaries = await story.Agent.GetAsync($"/api/subscriptions/{broadband}/summaries", Cancel);
        var changed = Assert.Single((await HttpAssert.JsonAsync(summaries)).EnumerateArray(), s => s.GetProperty("monthlyPrice").GetDecimal() == 249m);
        Assert.StartsWith("Price changed", changed.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S0_6_a_change_only_to_the_customers_benefit_is_announced_but_opens_no_termination_window()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var magnus = await story.CustomerIdAsync(MagnusMsisdn);
        var subscription = await story.SubscriptionOfAsync(magnus, MagnusMsisdn);
        using var admin = await story.App.CreateAdminClientAsync();

        using var announced = await admin.PostAsJsonAsync("/api/plans/SE-MOBIL-430/term-changes",
            new { kind = "onlyToCustomersBenefit", description = "Twice the data for the same price.", effectiveOn = Iso(story.Today.AddMonths(2)) }, Cancel);
        Assert.False((await HttpAssert.JsonAsync(announced, HttpStatusCode.Created)).GetProperty("opensTerminationRight").GetBoolean());

        var notice = Assert.Single(await story.MessagesAsync(magnus), m => Purpose(m) == "termChangeNotice");
        Assert.Contains("Twice the data", notice.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("kostnadsfritt", notice.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await Story.ChoicesAsync(story.Agent, subscription)).GetProperty("freeTerminationUntil").ValueKind);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private static List<string?> Rules(JsonElement decision) => decision.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()).ToList();

    private static string? Purpose(JsonElement message) =>
        message.GetProperty("characteristic").EnumerateArray().Where(c => c.GetProperty("name").GetString() == "purpose").Select(c => c.GetProperty("value").GetString()).FirstOrDefault();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    /// <summary>One replay: its own app on a fake clock, the store clerk and the agent of the demo data.</summary>
    private sealed class Story : IAsyncDisposable
    {
        private Story(TouchpointApp app, FakeTimeProvider clock, HttpClient store, HttpClient agent)
        {
            App = app;
            Clock = clock;
            Start = clock.GetUtcNow().UtcDateTime;
            Store = store;
            Agent = agent;
        }

        public TouchpointApp App { get; }
        public FakeTimeProvider Clock { get; }
        public DateTime Start { get; }
        public HttpClient Store { get; }
        public HttpClient Agent { get; }
        public DateTime Now => Clock.GetUtcNow().UtcDateTime;
        public DateOnly Today => DateOnly.FromDateTime(Now);

        public static async Task<Story> StartAsync(PostgresServer postgres, Provider provider)
        {
            // Whole seconds, so times come back from either database exactly as sent; midday, so days are whole days.
            var clock = TestClocks.NoonToday();
            // Tokens must outlive the months the clock moves: the story is about contracts, not sign-in.
            var app = await TouchpointApp.StartAsync(provider, postgres, new Dictionary<string, string?>
            {
                ["Touchpoint:Auth:AccessTokenMinutes"] = "200000",
            }, clock);
            return new Story(app, clock, await app.CreateClientAsAsync("store"), await app.CreateClientAsAsync("agent"));
        }

        public void AtDay(int day) => At(Start.AddDays(day));

        /// <summary>Moves the clock to <paramref name="instant"/> (never backwards).</summary>
        public void At(DateTime instant)
        {
            var target = new DateTimeOffset(DateTime.SpecifyKind(instant, DateTimeKind.Utc));
            if (target > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(target);
            }
        }

        public async Task<string> CustomerIdAsync(string msisdn)
        {
            using var found = await Agent.GetAsync($"/api/customers?q={Uri.EscapeDataString(msisdn)}", Cancel);
            return Assert.Single((await HttpAssert.JsonAsync(found)).EnumerateArray(), h => h.GetProperty("exactIdentityMatch").GetBoolean()).GetProperty("id").GetString()!;
        }

        public async Task<string> SubscriptionOfAsync(string customerId, string msisdn)
        {
            using var response = await Agent.GetAsync($"/api/customers/{customerId}", Cancel);
            return (await HttpAssert.JsonAsync(response)).GetProperty("subscriptions").EnumerateArray()
                .Single(s => s.GetProperty("msisdn").GetString() == msisdn).GetProperty("id").GetString()!;
        }

        public async Task<string> OnlySubscriptionOfAsync(string customerId)
        {
            using var response = await Agent.GetAsync($"/api/customers/{customerId}", Cancel);
            return Assert.Single((await HttpAssert.JsonAsync(response)).GetProperty("subscriptions").EnumerateArray()).GetProperty("id").GetString()!;
        }

        public async Task<decimal> MonthlyPriceAsync(string customerId, string subscriptionId)
        {
            using var response = await Agent.GetAsync($"/api/customers/{customerId}", Cancel);
            return (await HttpAssert.JsonAsync(response)).GetProperty("subscriptions").EnumerateArray()
                .Single(s => s.GetProperty("id").GetString() == subscriptionId).GetProperty("monthlyPrice").GetDecimal();
        }

        /// <summary>A new mobile subscription sold by phone today (a distance sale: 14 days to withdraw, CRD-9).</summary>
        public async Task<string> PhoneSaleAsync(string customerId, string msisdn)
        {
            using var response = await Agent.PostAsJsonAsync("/api/subscriptions",
                new { customerId, planCode = "SE-MOBIL-430", msisdn, startDate = Iso(Today), soldVia = "phone" }, Cancel);
            var sale = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
            Assert.Equal("phone", sale.GetProperty("soldVia").GetString());
            return sale.GetProperty("id").GetString()!;
        }

        public static async Task<JsonElement> ChoicesAsync(HttpClient client, string subscriptionId)
        {
            using var response = await client.GetAsync($"/api/subscriptions/{subscriptionId}/leaving", Cancel);
            return await HttpAssert.JsonAsync(response);
        }

        public async Task<string> SubscriptionStatusAsync(string subscriptionId)
        {
            using var response = await Agent.GetAsync($"/tmf-api/productInventory/v4/product/{subscriptionId}", Cancel);
            return (await HttpAssert.JsonAsync(response)).GetProperty("status").GetString()!;
        }

        public async Task<string?> BindingEndAsync(string subscriptionId)
        {
            using var response = await Agent.GetAsync($"/tmf-api/productInventory/v4/product/{subscriptionId}", Cancel);
            var product = await HttpAssert.JsonAsync(response);
            return product.TryGetProperty("productTerm", out var terms) ? terms.ToString() : null;
        }

        public async Task<List<JsonElement>> TimelineAsync(string customerId, string kind)
        {
            using var response = await Agent.GetAsync($"/api/customers/{customerId}/timeline?kind={kind}&limit=200", Cancel);
            return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
        }

        public async Task<List<JsonElement>> MessagesAsync(string customerId)
        {
            using var response = await Agent.GetAsync($"{Messages}?receiver.id={customerId}", Cancel);
            return (await HttpAssert.JsonAsync(response)).EnumerateArray().ToList();
        }

        public async Task<List<JsonElement>> MessagesByEmailAsync(string email)
        {
            using var response = await Agent.GetAsync($"{Messages}?receiver.email={Uri.EscapeDataString(email)}", Cancel);
            return (await HttpAssert.JsonAsync(response)).EnumerateArray().ToList();
        }

        public static async Task<JsonElement> StartLeaveBodyAsync(HttpClient visitor, string name, string subscription, string contact)
        {
            using var response = await visitor.PostAsJsonAsync("/api/leave/requests", new { name, subscription, contact }, Cancel);
            return await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        }

        public static async Task<string> StartLeaveAsync(HttpClient visitor, string name, string subscription, string contact) =>
            (await StartLeaveBodyAsync(visitor, name, subscription, contact)).GetProperty("requestId").GetString()!;

        /// <summary>The newest one-time code in the outbox for the customer at <paramref name="email"/> (the demo's stand-in for their inbox).</summary>
        public async Task<string> CodeSentToAsync(string customerId, string email)
        {
            var message = (await MessagesAsync(customerId)).First(m => Purpose(m) == "oneTimeCode");
            Assert.Equal("email", message.GetProperty("messageType").GetString());
            Assert.Equal(email, message.GetProperty("receiver")[0].GetProperty("email").GetString());
            Assert.Equal("initial", message.GetProperty("state").GetString());
            return SixDigits().Match(message.GetProperty("content").GetString()!).Value;
        }

        public async Task<string> CodeSentToPhoneAsync(string customerId, string msisdn)
        {
            var message = (await MessagesAsync(customerId)).First(m => Purpose(m) == "oneTimeCode");
            Assert.Equal("sms", message.GetProperty("messageType").GetString());
            Assert.Equal(msisdn, message.GetProperty("receiver")[0].GetProperty("phoneNumber").GetString());
            return SixDigits().Match(message.GetProperty("content").GetString()!).Value;
        }

        public async ValueTask DisposeAsync()
        {
            Store.Dispose();
            Agent.Dispose();
            await App.DisposeAsync();
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class LeavingScenariosOnSqlite(PostgresServer postgres) : LeavingScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class LeavingScenariosOnPostgres : LeavingScenarios
{
    public LeavingScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
