using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Messages;

namespace Touchpoint.Tests.Sms;

/// <summary>
/// SMS through Sinch's REST API, spoken by a Sinch in the test process over real HTTP: replies from a case reach it as
/// batches with our message id as client_reference; a busy Sinch gets the SMS again later, a refusing one fails it
/// with its own words; signed delivery reports settle the message; customers' SMS arrive by signed callback, are
/// stored once and kept on their recent open case; an unsigned, wrongly signed or stale callback changes nothing.
/// </summary>
public abstract class SinchSmsTests(PostgresServer postgres, Provider provider)
{
    private const string BertsNumber = "+46705550303";
    private const string Callbacks = "/api/sms/sinch/callbacks";
    private static readonly string[] Notices = ["First notice.", "Second notice.", "Third notice.", "Fourth notice."];
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_SMS_reply_from_a_case_reaches_Sinch_with_its_text_and_the_customers_number_and_keeps_the_batch_id()
    {
        await using var sinch = await TestSinchServer.StartAsync();
        await using var app = await StartAsync(sinch);
        using var agent = await app.CreateClientAsAsync("agent");
        var caseId = await OpenCaseAsync(agent, await BertAsync(app));

        var messageId = await ReplyBySmsAsync(agent, caseId, "Your line works again from 14:00. /Touchpoint");
        await app.RunDueWorkAsync();

        var batch = Assert.Single(sinch.Received);
        Assert.Equal((TestSinchServer.ServicePlanId, $"Bearer {TestSinchServer.ApiToken}"), (batch.ServicePlanId, batch.Authorization));
        Assert.Equal((TestSinchServer.From, BertsNumber, "Your line works again from 14:00. /Touchpoint"), (batch.From, Assert.Single(batch.To), batch.Text));
        Assert.Equal(messageId.ToString(), batch.ClientReference);
        Assert.Equal("per_recipient", batch.Body.GetProperty("delivery_report").GetString());
        Assert.Equal($"{TestSinchServer.CallbackBaseUrl}{Callbacks}", batch.Body.GetProperty("callback_url").GetString());
        var message = await MessageAsync(app, messageId);
        Assert.Equal((MessageState.Completed, batch.BatchId, 1), (message.State, message.GatewayAnswer, message.TryTimes));

        // Sent means done: the next run sends nothing.
        await app.RunDueWorkAsync();
        Assert.Single(sinch.Received);
    }

    [Fact]
    public async Task A_busy_or_silent_Sinch_gets_the_SMS_again_later_and_a_refusal_fails_it_with_Sinchs_own_words()
    {
        await using var sinch = await TestSinchServer.StartAsync();
        await using var app = await StartAsync(sinch);
        var bert = await BertAsync(app);
        var ids = await app.WithDbContextAsync(async db =>
        {
            var now = app.Clock!.GetUtcNow().UtcDateTime;
            var queued = Notices.Select((text, i) => MessageOutbox.Queue(db,
                new NewMessage(bert, "Bert Lindqvist", MessageTypes.Sms, BertsNumber, "Notice", text, MessagePurposes.TermChangeNotice), now.AddSeconds(i - Notices.Length + 1)).Id).ToList();
            await db.SaveChangesAsync(Cancel);
            return queued;
        });
        sinch.Then(SinchBehaviour.Unavailable, SinchBehaviour.TooManyRequests, SinchBehaviour.Hang, SinchBehaviour.Refuse);

        await app.RunDueWorkAsync();

        var first = await MessagesAsync(app, ids);
        Assert.All(first[..3], m => Assert.Equal((MessageState.InProgress, Start.UtcDateTime.AddMinutes(1)), (m.State, m.NextAttemptAt)));
        Assert.StartsWith("503", first[0].LastError, StringComparison.Ordinal);
        Assert.Equal("429 too_many_requests: Slow down", first[1].LastError);
        Assert.EndsWith("did not answer within 2 s", first[2].LastError, StringComparison.Ordinal);
        Assert.Equal((MessageState.Failed, (DateTime?)null), (first[3].State, first[3].NextAttemptAt));
        Assert.Equal("400 syntax_invalid_parameter_format: Parameter 'to' has an invalid format", first[3].LastError);

        app.Clock!.Advance(TimeSpan.FromMinutes(1));
        await app.RunDueWorkAsync();
        var then = await MessagesAsync(app, ids);
        Assert.All(then[..3], m => Assert.Equal((MessageState.Completed, 2, (string?)null), (m.State, m.TryTimes, m.LastError)));
        Assert.Equal((MessageState.Failed, 1), (then[3].State, then[3].TryTimes));
        Assert.Equal(7, sinch.Received.Count);
    }

    [Fact]
    public async Task A_failed_delivery_report_fails_the_SMS_and_tells_the_cases_owner_once()
    {
        await using var sinch = await TestSinchServer.StartAsync();
        await using var app = await StartAsync(sinch);
        using var agent = await app.CreateClientAsAsync("agent");
        var caseId = await OpenCaseAsync(agent, await BertAsync(app));
        var messageId = await ReplyBySmsAsync(agent, caseId, "We call you at 15:00.");
        await app.RunDueWorkAsync();
        var batchId = Assert.Single(sinch.Received).BatchId;

        var report = JsonSerializer.Serialize(new
        {
            type = "recipient_delivery_report_sms",
            batch_id = batchId,
            recipient = BertsNumber,
            code = 402,
            status = "Failed",
            at = Start.AddSeconds(30),
            client_reference = messageId.ToString(),
        });
        using (var first = await PostCallbackAsync(app, report))
        {
            await HttpAssert.JsonAsync(first);
        }

        using (var again = await PostCallbackAsync(app, report))
        {
            Assert.Equal("Failed: already recorded", (await HttpAssert.JsonAsync(again)).GetProperty("detail").GetString());
        }

        var message = await MessageAsync(app, messageId);
        Assert.Equal((MessageState.Failed, (DateTime?)null), (message.State, message.SendTimeComplete));
        Assert.Equal($"Sinch: Failed (code 402) for {BertsNumber}", message.LastError);
        var agentId = await app.WithDbContextAsync(db => db.Users.Where(u => u.UserName == "agent").Select(u => u.Id).SingleAsync(Cancel));
        var told = await app.WithDbContextAsync(db => db.Notifications.Where(n => n.UserId == agentId && n.Kind == NotificationKinds.SmsFailed).ToListAsync(Cancel));
        Assert.Equal($"/cases/{caseId}", Assert.Single(told).Link);
    }

    [Fact]
    public async Task A_delivered_report_confirms_the_SMS_with_the_operators_time()
    {
        await using var sinch = await TestSinchServer.StartAsync();
        await using var app = await StartAsync(sinch);
        using var agent = await app.CreateClientAsAsync("agent");
        var messageId = await ReplyBySmsAsync(agent, await OpenCaseAsync(agent, await BertAsync(app)), "Done.");
        await app.RunDueWorkAsync();

        // Found by the batch id alone, as for a report without our reference.
        using var delivered = await PostCallbackAsync(app, JsonSerializer.Serialize(new
        {
            type = "recipient_delivery_report_sms", batch_id = Assert.Single(sinch.Received).BatchId, recipient = BertsNumber, code = 0, status = "Delivered", at = Start.AddSeconds(40),
        }));
        await HttpAssert.JsonAsync(delivered);

        var message = await MessageAsync(app, messageId);
        Assert.Equal((MessageState.Completed, Start.UtcDateTime.AddSeconds(40)), (message.State, message.SendTimeComplete));
    }

    [Fact]
    public async Task An_SMS_from_the_customer_joins_the_open_case_last_written_on_and_a_second_delivery_of_it_is_stored_once()
    {
        await using var sinch = await TestSinchServer.StartAsync();
        await using var app = await StartAsync(sinch);
        using var agent = await app.CreateClientAsAsync("agent");
        var caseId = await OpenCaseAsync(agent, await BertAsync(app));
        await ReplyBySmsAsync(agent, caseId, "Is the router's light green now?");
        await app.RunDueWorkAsync();
        app.Clock!.Advance(TimeSpan.FromMinutes(30));

        // Sinch writes numbers without the plus.
        var mo = MoText("01TESTMO000000000000000001", BertsNumber[1..], "Yes, green since noon. Thanks!");
        using (var first = await PostCallbackAsync(app, mo))
        {
            Assert.Equal("stored", (await HttpAssert.JsonAsync(first)).GetProperty("outcome").GetString());
        }

        using (var again = await PostCallbackAsync(app, mo))
        {
            Assert.Equal("duplicate", (await HttpAssert.JsonAsync(again)).GetProperty("outcome").GetString());
        }

        var stored = Assert.Single(await app.WithDbContextAsync(db => db.InboundMessages.AsNoTracking().Where(m => m.Channel == "sms").ToListAsync(Cancel)));
        Assert.Equal(("01TESTMO000000000000000001", BertsNumber, caseId), (stored.MessageId, stored.FromAddress, stored.CaseId));
        Assert.Equal("Yes, green since noon. Thanks!", stored.Text);
        var contact = await app.WithDbContextAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == stored.InteractionId, Cancel));
        Assert.Equal((InteractionChannel.Sms, InteractionDirection.Inbound, "SMS"), (contact.Channel, contact.Direction, contact.AgentName));
        using var conversation = await agent.GetAsync($"/api/cases/{caseId}/conversation", Cancel);
        var entries = (await HttpAssert.JsonAsync(conversation)).EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("channel").GetString())).ToList();
        Assert.Equal([("outbound", "sms"), ("inbound", "sms")], entries);
    }

    [Fact]
    public async Task An_SMS_from_an_unknown_number_or_after_the_thread_days_opens_a_case_in_the_SMS_queue()
    {
        await using var sinch = await TestSinchServer.StartAsync();
        await using var app = await StartAsync(sinch);
        using var agent = await app.CreateClientAsAsync("agent");
        var bertsCase = await OpenCaseAsync(agent, await BertAsync(app));
        await ReplyBySmsAsync(agent, bertsCase, "How is the line?");
        await app.RunDueWorkAsync();
        app.Clock!.Advance(TimeSpan.FromDays(15));

        using (var late = await PostCallbackAsync(app, MoText("01TESTMO000000000000000002", BertsNumber, "Bad again.")))
        {
            await HttpAssert.JsonAsync(late);
        }

        using (var fromNorway = await PostCallbackAsync(app, MoText("01TESTMO000000000000000003", "4798765432", "Do you sell fiber in Oslo?")))
        {
            await HttpAssert.JsonAsync(fromNorway);
        }

        var arrived = await app.WithDbContextAsync(db => db.InboundMessages.AsNoTracking().Where(m => m.Channel == "sms").OrderBy(m => m.MessageId).ToListAsync(Cancel));
        Assert.Equal(2, arrived.Count);
        Assert.NotEqual(bertsCase, arrived[0].CaseId);
        var cases = await app.WithDbContextAsync(db => db.Cases.AsNoTracking().Where(c => arrived.Select(m => m.CaseId).Contains(c.Id)).ToListAsync(Cancel));
        Assert.All(cases, c => Assert.Equal((OwnerKind.Queue, "sms", InteractionChannel.Sms), (c.OwnerKind, c.OwnerId, c.Channel)));
        var stranger = await app.WithDbContextAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == arrived[1].CustomerId, Cancel));
        Assert.Equal(("+4798765432", "NO"), (stranger.Name, stranger.Jurisdiction));
        Assert.StartsWith("an unknown number, now a new contact", arrived[1].Routing, StringComparison.Ordinal);

        // Each hears by SMS, in their own language and on their own clock, that it arrived and by when they have an answer.
        await app.RunDueWorkAsync();
        var strangersCase = cases.Single(c => c.Id == arrived[1].CaseId);
        var toStranger = Assert.Single(sinch.Received, b => b.To.Contains("+4798765432"));
        Assert.StartsWith($"Vi har mottatt meldingen din. Saksnummeret ditt er {strangersCase.Reference}. Vi svarer deg senest ", toStranger.Text, StringComparison.Ordinal);
        Assert.EndsWith("(norsk tid).", toStranger.Text, StringComparison.Ordinal);
        var bertsNew = cases.Single(c => c.Id == arrived[0].CaseId);
        Assert.Contains(sinch.Received, b => b.To.Contains(BertsNumber) && b.Text.StartsWith($"Vi har tagit emot ditt meddelande. Ditt ärendenummer är {bertsNew.Reference}.", StringComparison.Ordinal));
        // A receipt answers nothing: the first-response clock still runs.
        Assert.Equal(0, await app.WithDbContextAsync(db => db.Cases.CountAsync(c => arrived.Select(m => m.CaseId).Contains(c.Id) && c.FirstResponseAt != null, Cancel)));
    }

    [Fact]
    public async Task A_callback_unsigned_wrongly_signed_or_stale_is_401_and_records_nothing_and_a_bad_one_is_a_400_naming_the_field()
    {
        await using var sinch = await TestSinchServer.StartAsync();
        await using var app = await StartAsync(sinch);
        var customersBefore = await app.WithDbContextAsync(db => db.Customers.CountAsync(Cancel));
        var mo = MoText("01TESTMO000000000000000009", "46701112233", "Hello?");

        using (var unsigned = await PostCallbackAsync(app, mo, headers: []))
        {
            await HttpAssert.ProblemAsync(unsigned, HttpStatusCode.Unauthorized);
        }

        using (var forged = await PostCallbackAsync(app, mo, TestSinchServer.SignatureHeaders(mo, Start, secret: "not-the-secret")))
        {
            Assert.Contains("does not match", (await HttpAssert.ProblemAsync(forged, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var replayed = await PostCallbackAsync(app, mo, TestSinchServer.SignatureHeaders(mo, Start.AddMinutes(-6))))
        {
            Assert.Contains("within 5 minutes", (await HttpAssert.ProblemAsync(replayed, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Signed, but the body was changed on the way.
        var signedForOther = TestSinchServer.SignatureHeaders(mo, Start);
        using (var tampered = await PostCallbackAsync(app, mo.Replace("Hello?", "Cancel my line", StringComparison.Ordinal), signedForOther))
        {
            await HttpAssert.ProblemAsync(tampered, HttpStatusCode.Unauthorized);
        }

        Assert.Equal(0, await app.WithDbContextAsync(db => db.InboundMessages.CountAsync(Cancel)));
        Assert.Equal(customersBefore, await app.WithDbContextAsync(db => db.Customers.CountAsync(Cancel)));

        using (var noSender = await PostCallbackAsync(app, JsonSerializer.Serialize(new { type = "mo_text", id = "01TESTMO000000000000000010", body = "Hi" })))
        {
            await HttpAssert.ValidationProblemAsync(noSender, "from");
        }

        using (var notJson = await PostCallbackAsync(app, "{\"type\": \"mo_text\", "))
        {
            await HttpAssert.ValidationProblemAsync(notJson, "body");
        }
    }

    [Fact]
    public async Task Without_Sinch_settings_SMS_wait_on_the_outbox_and_the_callback_URL_is_not_there()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        var messageId = await ReplyBySmsAsync(agent, await OpenCaseAsync(agent, await BertAsync(app)), "Hello from the outbox.");

        await app.RunDueWorkAsync();

        Assert.Equal((MessageState.Initial, 0), ((await MessageAsync(app, messageId)).State, (await MessageAsync(app, messageId)).TryTimes));
        using var callback = await PostCallbackAsync(app, MoText("01TESTMO000000000000000011", BertsNumber, "Hi"));
        await HttpAssert.ProblemAsync(callback, HttpStatusCode.NotFound);
    }

    private async Task<TouchpointApp> StartAsync(TestSinchServer sinch) =>
        await TouchpointApp.StartAsync(provider, postgres, sinch.Settings, new FakeTimeProvider(Start));

    private static string MoText(string id, string from, string body) => JsonSerializer.Serialize(new
    {
        type = "mo_text", id, from, to = TestSinchServer.From[1..], body, received_at = Start, operator_id = "24001",
    });

    /// <summary>Posts a callback as Sinch does: signed at the app's now unless other headers are given.</summary>
    private static async Task<HttpResponseMessage> PostCallbackAsync(TouchpointApp app, string body, Dictionary<string, string>? headers = null)
    {
        using var client = app.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Callbacks) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers ?? TestSinchServer.SignatureHeaders(body, app.Clock!.GetUtcNow()))
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request, Cancel);
    }

    private static async Task<Guid> OpenCaseAsync(HttpClient agent, Guid customerId)
    {
        using var opened = await agent.PostAsJsonAsync("/api/cases", new { customerId, type = "request", channel = "phone", need = "The broadband at the summer house" }, Cancel);
        return (await HttpAssert.JsonAsync(opened, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> ReplyBySmsAsync(HttpClient agent, Guid caseId, string text)
    {
        using var reply = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", new { channel = "sms", text }, Cancel);
        var sent = await HttpAssert.JsonAsync(reply, HttpStatusCode.Accepted);
        Assert.Equal(("sms", BertsNumber), (sent.GetProperty("channel").GetString(), sent.GetProperty("to").GetString()));
        return sent.GetProperty("id").GetGuid();
    }

    private static Task<Guid> BertAsync(TouchpointApp app) =>
        app.WithDbContextAsync(db => db.Customers.Where(c => c.Name == "Bert Lindqvist").Select(c => c.Id).SingleAsync(Cancel));

    private static Task<List<OutboundMessage>> MessagesAsync(TouchpointApp app, List<Guid> ids) =>
        app.WithDbContextAsync(async db =>
        {
            var rows = await db.OutboundMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(Cancel);
            return ids.Select(id => rows.Single(m => m.Id == id)).ToList();
        });

    private static Task<OutboundMessage> MessageAsync(TouchpointApp app, Guid id) =>
        app.WithDbContextAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Id == id, Cancel));
}

[Trait("Provider", "Sqlite")]
public sealed class SinchSmsTestsOnSqlite(PostgresServer postgres) : SinchSmsTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class SinchSmsTestsOnPostgres : SinchSmsTests
{
    public SinchSmsTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
