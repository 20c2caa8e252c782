using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// S3 and S4-2 replayed as e-mail, through the drop folder, the public API and a real SMTP server: Bert's complaint
/// arrives by mail, is answered from the case, his two replies stay on the one case, the compensation's written
/// confirmation goes out, effort counts every message; a final reply with a question open is refused (S1-4); a
/// written reply promised is kept only by the reply that was delivered (S4-2).
/// </summary>
public abstract class ConversationScenarios(PostgresServer postgres, Provider provider)
{
    private const string Bert = "bert.lindqvist@example.se";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task S3_a_complaint_by_e_mail_answered_from_the_case_and_replied_to_twice_stays_one_case_with_every_message_counted()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, smtp.Settings, new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        var complaint = Mail("No broadband at the summer house", "You sold me 4G where there is no coverage. Why was I sold it? What do I get back?");
        await DropAsync(app, complaint);
        await app.RunDueWorkAsync();
        var caseId = await app.WithDbContextAsync(db => db.InboundMessages.Where(m => m.FromAddress == Bert).Select(m => m.CaseId!.Value).SingleAsync(Cancel));
        var @case = await GetAsync(agent, $"/api/cases/{caseId}");
        var reference = @case.GetProperty("reference").GetString()!;
        Assert.Equal("email", @case.GetProperty("owner").GetProperty("id").GetString());

        // He hears at once, in Swedish and in his thread, that it arrived, its reference and by when he has an answer.
        // A machine's receipt is no response: the first-response clock still runs.
        await app.RunDueWorkAsync();
        var receipt = Assert.Single(smtp.Received);
        Assert.Equal($"Vi har tagit emot ditt meddelande: No broadband at the summer house [{reference}]", receipt.Subject);
        Assert.Equal(complaint.MessageId, receipt.InReplyTo);
        Assert.Equal("auto-replied", receipt.Headers["Auto-Submitted"]);
        Assert.Contains($"Ditt ärendenummer är {reference}. Vi svarar dig senast ", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("(svensk tid)", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Ärende {reference}: behåll det i ämnesraden när du svarar.", receipt.TextBody, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await GetAsync(agent, $"/api/cases/{caseId}")).GetProperty("firstResponseAt").ValueKind);

        using (var asked = await agent.PostAsJsonAsync($"/api/cases/{caseId}/questions", new { text = "Why was I sold 4G where there is none?" }, Cancel))
        {
            await HttpAssert.JsonAsync(asked, HttpStatusCode.Created);
        }

        var questionId = (await GetAsync(agent, $"/api/cases/{caseId}")).GetProperty("questions")[0].GetProperty("id").GetString();

        // S1-4: the last word cannot leave his question open.
        using (var final = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", new { text = "We consider the matter closed.", final = true }, Cancel))
        {
            var problem = await HttpAssert.ProblemAsync(final, HttpStatusCode.Conflict);
            Assert.Contains("\"Why was I sold 4G where there is none?\"", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var reply = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies",
                   new { text = "The coverage check was skipped when you bought it. You can leave the line without cost.", answers = new[] { questionId } }, Cancel))
        {
            var sent = await HttpAssert.JsonAsync(reply, HttpStatusCode.Accepted);
            Assert.Equal(("email", Bert, "initial"), (sent.GetProperty("channel").GetString(), sent.GetProperty("to").GetString(), sent.GetProperty("state").GetString()));
        }

        // Typed is not told: the response counts once the server has the mail.
        Assert.Equal(JsonValueKind.Null, (await GetAsync(agent, $"/api/cases/{caseId}")).GetProperty("firstResponseAt").ValueKind);
        await app.RunDueWorkAsync();
        Assert.Equal(2, smtp.Received.Count);
        var answer = smtp.Received[1];
        Assert.Equal($"Re: No broadband at the summer house [{reference}]", answer.Subject);
        Assert.Equal(complaint.MessageId, answer.InReplyTo);
        Assert.Equal(complaint.MessageId, Assert.Single(answer.References));
        Assert.False(answer.Headers.Contains("Auto-Submitted"));
        @case = await GetAsync(agent, $"/api/cases/{caseId}");
        Assert.Equal(Start.UtcDateTime, @case.GetProperty("firstResponseAt").GetDateTime().ToUniversalTime());
        var question = @case.GetProperty("questions")[0];
        Assert.StartsWith("The coverage check was skipped", question.GetProperty("answer").GetString(), StringComparison.Ordinal);

        // Bert answers the mail, then writes again quoting only the reference: both on the same case.
        var first = Mail($"Re: {answer.Subject}", "Then I want compensation for 37 days.");
        first.InReplyTo = answer.MessageId;
        await DropAsync(app, first);
        await DropAsync(app, Mail($"Still waiting [{reference}]", "Any news on the money?"));
        await app.RunDueWorkAsync();
        Assert.Equal(3, await app.WithDbContextAsync(db => db.InboundMessages.CountAsync(m => m.CaseId == caseId, Cancel)));
        Assert.Equal(1, await app.WithDbContextAsync(db => db.Cases.CountAsync(c => c.CustomerId == @case.GetProperty("customerId").GetGuid(), Cancel)));

        // 350 kr is within the agent's mandate: granted, and the written confirmation goes out on the case.
        using (var granted = await agent.PostAsJsonAsync("/api/compensations",
                   new { customerId = @case.GetProperty("customerId").GetGuid(), caseId, amount = 350m, reason = "37 days without the broadband he pays for" }, Cancel))
        {
            await HttpAssert.JsonAsync(granted, HttpStatusCode.Created);
        }

        await app.RunDueWorkAsync();
        Assert.Equal(3, smtp.Received.Count);
        Assert.Contains("350", smtp.Received[2].TextBody, StringComparison.Ordinal);
        Assert.Contains($"[{reference}]", smtp.Received[2].Subject, StringComparison.Ordinal);

        @case = await GetAsync(agent, $"/api/cases/{caseId}");
        Assert.Equal(5, @case.GetProperty("effort").GetProperty("contacts").GetInt32());
        var conversation = (await GetAsync(agent, $"/api/cases/{caseId}/conversation")).EnumerateArray().ToList();
        Assert.Equal(["inbound", "outbound", "outbound", "inbound", "inbound", "outbound"], conversation.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(("caseAcknowledgement", "sv"), (conversation[1].GetProperty("purpose").GetString(), conversation[1].GetProperty("language").GetString()));
        Assert.Equal(("reply", "completed"), (conversation[2].GetProperty("purpose").GetString(), conversation[2].GetProperty("state").GetString()));
    }

    [Fact]
    public async Task S4_2_a_written_reply_promised_is_kept_by_the_delivered_reply_not_by_an_e_mail_recorded_by_hand()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, smtp.Settings, new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        await DropAsync(app, Mail("Callback never came", "You promised to call in 20 minutes. Answer me in writing."));
        await app.RunDueWorkAsync();
        var (caseId, customerId) = await app.WithDbContextAsync(db => db.InboundMessages.Where(m => m.FromAddress == Bert)
            .Select(m => new { Case = m.CaseId!.Value, Customer = m.CustomerId!.Value }).SingleAsync(Cancel)) is var ids ? (ids.Case, ids.Customer) : default;
        var reference = (await GetAsync(agent, $"/api/cases/{caseId}")).GetProperty("reference").GetString();
        string promiseId;
        using (var made = await agent.PostAsJsonAsync("/api/promises", new
               {
                   customerId, kind = "writtenReply", dueAt = Start.UtcDateTime.AddDays(1), madeVia = "email", caseRef = reference,
                   description = "An answer in writing within a day",
               }, Cancel))
        {
            promiseId = (await HttpAssert.JsonAsync(made, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        }

        using (var byHand = await agent.PostAsJsonAsync("/api/interactions",
                   new { customerId, channel = "email", direction = "outbound", reason = "Wrote to him", caseRef = reference }, Cancel))
        {
            await HttpAssert.JsonAsync(byHand, HttpStatusCode.Created);
        }

        // Nor does the machine's receipt of his mail keep it.
        await app.RunDueWorkAsync();
        Assert.StartsWith("Vi har tagit emot ditt meddelande", Assert.Single(smtp.Received).Subject, StringComparison.Ordinal);
        Assert.Equal("open", (await GetAsync(agent, $"/api/promises/{promiseId}")).GetProperty("state").GetString());

        smtp.Then(SmtpBehaviour.Defer);
        using (var reply = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", new { text = "We are sorry: the callback was never booked." }, Cancel))
        {
            await HttpAssert.JsonAsync(reply, HttpStatusCode.Accepted);
        }

        await app.RunDueWorkAsync();
        Assert.Equal("open", (await GetAsync(agent, $"/api/promises/{promiseId}")).GetProperty("state").GetString());

        app.Clock!.Advance(TimeSpan.FromMinutes(1));
        await app.RunDueWorkAsync();
        var kept = await GetAsync(agent, $"/api/promises/{promiseId}");
        Assert.Equal("kept", kept.GetProperty("state").GetString());
        Assert.Equal(2, smtp.Received.Count);
    }

    [Fact]
    public async Task Bad_replies_are_refused_naming_the_field_and_nothing_is_sent()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        await DropAsync(app, Mail("Hello", "A question."));
        await app.RunDueWorkAsync();
        var caseId = await app.WithDbContextAsync(db => db.InboundMessages.Select(m => m.CaseId!.Value).SingleAsync(Cancel));

        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { text = "" }, "text"),
                     (new { text = "Hi", subject = "Hi\r\nBcc: everyone@example.com" }, "subject"),
                     (new { text = "Hi", to = "someone.else@example.com" }, "to"),
                     (new { text = "Hi", to = "bert.lindqvist@example.se\r\nBcc: x@example.com" }, "to"),
                     (new { text = "Hi", channel = "fax" }, "channel"),
                     (new { text = "Hi", answers = new[] { Guid.NewGuid() } }, "answers[0]"),
                 })
        {
            using var response = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", body, Cancel);
            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        using var missing = await agent.PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/replies", new { text = "Hi" }, Cancel);
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(0, await app.WithDbContextAsync(db => db.OutboundMessages.CountAsync(m => m.CaseId == caseId && m.Purpose == MessagePurposes.Reply, Cancel)));
    }

    private static MimeMessage Mail(string subject, string text)
    {
        var mail = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.se"), Body = new TextPart("plain") { Text = text } };
        mail.From.Add(new MailboxAddress("Bert Lindqvist", Bert));
        mail.To.Add(new MailboxAddress("Customer care", "customer-care@touchpoint.example"));
        return mail;
    }

    private static async Task DropAsync(TouchpointApp app, MimeMessage mail)
    {
        var folder = app.Services.GetRequiredService<MailSettings>().IncomingFolder;
        Directory.CreateDirectory(folder);
        await mail.WriteToAsync(Path.Combine(folder, $"{Guid.NewGuid():N}.eml"), Cancel);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        return await HttpAssert.JsonAsync(response);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ConversationScenariosOnSqlite(PostgresServer postgres) : ConversationScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class ConversationScenariosOnPostgres : ConversationScenarios
{
    public ConversationScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
