using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Touchpoint.Features.Mail;

namespace Touchpoint.Tests.Mail;

/// <summary>
/// A customer whose e-mail opens a case hears at once, in their own language and thread, that it arrived: the case's
/// reference and by when they will have an answer, on their clock. Only a message that opens a case is acknowledged,
/// never a machine's mail, and the receipt is no response: the first-response clock runs until a person answers.
/// </summary>
public abstract class CaseAcknowledgementTests(PostgresServer postgres, Provider provider)
{
    private const string Freja = "freja.holm@example.dk";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Danish_customers_mail_is_acknowledged_in_Danish_in_its_thread_with_the_answer_time_on_Copenhagen_time()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, smtp.Settings, new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        using (var created = await agent.PostAsJsonAsync("/api/customers",
                   new { name = "Freja Holm", jurisdiction = "DK", identities = new[] { new { kind = "email", value = Freja } } }, Cancel))
        {
            await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        }

        var question = Mail("Faktura", "Hvorfor er min regning højere i denne måned?");
        await DropAsync(app, question, "question.eml");
        await app.RunDueWorkAsync();
        await app.RunDueWorkAsync();

        var caseId = await app.WithDbContextAsync(db => db.InboundMessages.Where(m => m.FromAddress == Freja).Select(m => m.CaseId!.Value).SingleAsync(Cancel));
        var @case = await GetAsync(agent, $"/api/cases/{caseId}");
        var reference = @case.GetProperty("reference").GetString()!;
        var due = @case.GetProperty("sla").GetProperty("deadlines").EnumerateArray()
            .Single(d => d.GetProperty("target").GetString() == "firstResponse").GetProperty("dueAt").GetDateTime().ToUniversalTime();
        var copenhagen = TimeZoneInfo.ConvertTimeFromUtc(due, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"));
        var danish = CultureInfo.GetCultureInfo("da-DK");

        var receipt = Assert.Single(smtp.Received);
        Assert.Equal($"Vi har modtaget din besked: Faktura [{reference}]", receipt.Subject);
        Assert.Equal(Freja, receipt.To.Mailboxes.Single().Address);
        Assert.Equal(question.MessageId, receipt.InReplyTo);
        Assert.Equal(question.MessageId, Assert.Single(receipt.References));
        Assert.Equal("auto-replied", receipt.Headers["Auto-Submitted"]);
        var text = receipt.TextBody!.ReplaceLineEndings("\n");
        Assert.StartsWith("Hej Freja Holm\n\nTak for din besked. Dit sagsnummer er " + reference + ".", text, StringComparison.Ordinal);
        Assert.Contains($"Vi svarer dig senest {copenhagen.ToString("d. MMMM yyyy", danish)} kl. {copenhagen.ToString("HH.mm", danish)} (dansk tid).", text, StringComparison.Ordinal);
        Assert.Contains("Vil du tilføje noget, så svar blot på denne e-mail.", text, StringComparison.Ordinal);
        Assert.Contains($"Sag {reference}: behold det i emnefeltet, når du svarer.", text, StringComparison.Ordinal);
        Assert.Empty(EnglishLeaks.In(text, "da"));
        Assert.Contains("lang=\"da\"", receipt.HtmlBody, StringComparison.Ordinal);

        // The receipt is on the case's conversation, but answers nothing: no first response, no contact in her effort.
        @case = await GetAsync(agent, $"/api/cases/{caseId}");
        Assert.Equal(JsonValueKind.Null, @case.GetProperty("firstResponseAt").ValueKind);
        Assert.Equal(1, @case.GetProperty("effort").GetProperty("contacts").GetInt32());
        var conversation = (await GetAsync(agent, $"/api/cases/{caseId}/conversation")).EnumerateArray().ToList();
        Assert.Equal([("inbound", null), ("outbound", "caseAcknowledgement")],
            conversation.Select(e => (e.GetProperty("kind").GetString(), e.TryGetProperty("purpose", out var p) ? p.GetString() : null)));

        // Her reply in the thread joins the case and is not acknowledged again; nor is her out-of-office.
        var more = Mail($"Re: {receipt.Subject}", "Det gælder abonnementet på 40 GB.");
        more.InReplyTo = receipt.MessageId;
        await DropAsync(app, more, "more.eml");
        var away = Mail("Fraværende", "Jeg er på ferie til 4. januar.");
        away.Headers.Add("Auto-Submitted", "auto-replied");
        await DropAsync(app, away, "away.eml");
        await app.RunDueWorkAsync();
        Assert.Equal(2, await app.WithDbContextAsync(db => db.InboundMessages.CountAsync(m => m.CaseId == caseId, Cancel)));
        Assert.Single(smtp.Received);

        // An agent's reply with no subject of its own answers under her subject, in her thread, with the footer in Danish.
        using (var reply = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", new { text = "Prisen steg med 20 kr. fra 1. december." }, Cancel))
        {
            await HttpAssert.JsonAsync(reply, HttpStatusCode.Accepted);
        }

        await app.RunDueWorkAsync();
        Assert.Equal(2, smtp.Received.Count);
        Assert.Contains($"Sag {reference}: behold det i emnefeltet, når du svarer.", smtp.Received[1].TextBody, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, (await GetAsync(agent, $"/api/cases/{caseId}")).GetProperty("firstResponseAt").ValueKind);
    }

    [Fact]
    public async Task A_reply_written_in_another_language_says_so_and_an_unknown_language_is_a_400_naming_it()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        string customerId;
        using (var created = await agent.PostAsJsonAsync("/api/customers",
                   new { name = "Freja Holm", jurisdiction = "DK", identities = new[] { new { kind = "email", value = Freja } } }, Cancel))
        {
            customerId = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        }

        string caseId;
        using (var opened = await agent.PostAsJsonAsync("/api/cases", new { customerId, type = "request", channel = "phone", need = "Wants the invoice explained." }, Cancel))
        {
            caseId = (await HttpAssert.JsonAsync(opened, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        }

        using (var wrong = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", new { text = "Hello.", language = "xx" }, Cancel))
        {
            var problem = await HttpAssert.ProblemAsync(wrong, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("language", out _));
        }

        using (var english = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", new { text = "The price rose on 1 December.", language = "en" }, Cancel))
        {
            await HttpAssert.JsonAsync(english, HttpStatusCode.Accepted);
        }

        using (var danish = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", new { text = "Prisen steg 1. december." }, Cancel))
        {
            await HttpAssert.JsonAsync(danish, HttpStatusCode.Accepted);
        }

        var sent = await app.WithDbContextAsync(db => db.OutboundMessages.AsNoTracking().Where(m => m.CaseId == Guid.Parse(caseId)).OrderBy(m => m.Id)
            .Select(m => new { m.Subject, m.Language }).ToListAsync(Cancel));
        var reference = (await GetAsync(agent, $"/api/cases/{caseId}")).GetProperty("reference").GetString();
        Assert.Equal([($"Your case {reference}", "en"), ($"Din sag {reference}", "da")], sent.Select(m => (m.Subject, m.Language)));
    }

    private static MimeMessage Mail(string subject, string text)
    {
        var mail = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.example"), Body = new TextPart("plain") { Text = text } };
        mail.From.Add(new MailboxAddress("Freja Holm", Freja));
        mail.To.Add(new MailboxAddress("Kundeservice", "customer-care@touchpoint.example"));
        return mail;
    }

    private static async Task DropAsync(TouchpointApp app, MimeMessage mail, string fileName)
    {
        var folder = app.Services.GetRequiredService<MailSettings>().IncomingFolder;
        Directory.CreateDirectory(folder);
        await mail.WriteToAsync(Path.Combine(folder, fileName), Cancel);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        return await HttpAssert.JsonAsync(response);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CaseAcknowledgementTestsOnSqlite(PostgresServer postgres) : CaseAcknowledgementTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class CaseAcknowledgementTestsOnPostgres : CaseAcknowledgementTests
{
    public CaseAcknowledgementTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
