using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Touchpoint.Demo;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Privacy;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// GDPR Art. 15 on the S1 customer: Henrik Mølgaard's story replayed through the public API (the port-in of his own
/// number, a complaint with his questions, a callback promise, half a bill as compensation, a cancellation withdrawn
/// at the operator's request, his e-mail, a duplicate record merged into his) and then everything held on him
/// exported: every kind of record he has is in the JSON, row for row, and in the HTML a person reads.
/// </summary>
public abstract class PersonalDataExportScenarios(PostgresServer postgres, Provider provider)
{
    private const string HenriksEmail = "henrik.molgaard@example.dk";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The kinds of record the S1 story leaves on Henrik; the export must show each of them.</summary>
    private static readonly string[] HenriksKinds =
    [
        "customer", "identities", "subscriptions", "contractSummaries", "timeline", "contacts", "cases", "caseQuestions", "caseStatusChanges",
        "caseOwners", "promises", "compensations", "terminations", "messagesSent", "messagesReceived", "merges", "audit",
    ];

    private static readonly string[] HenriksQuestions = ["Why must I port my number from Telenor to Telenor?", "Why a new three-month notice?"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task S1_the_export_of_Henrik_holds_every_kind_of_record_he_has_in_JSON_and_HTML()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        using var lead = await app.CreateClientAsAsync("lead");
        var henrik = await ReplayS1Async(app, agent, lead);

        var json = JsonDocument.Parse(await ExportAsync(app, agent, henrik, "json")).RootElement;
        var sections = json.GetProperty("sections");
        Assert.Equal(henrik, json.GetProperty("export").GetProperty("customerId").GetString());
        Assert.Equal("Henrik Mølgaard", json.GetProperty("export").GetProperty("customerName").GetString());
        foreach (var section in PersonalDataSections.All)
        {
            var records = sections.GetProperty(section.Key).GetProperty("records");
            // The audit and the export requests grew after the export was written (its own reads, this download).
            if (section.Key is not ("audit" or "personalDataExports"))
            {
                var held = await app.WithDbContextAsync(async db => await section.Rows(db, await PersonalDataSections.RecordsOfAsync(db, Guid.Parse(henrik), Cancel)).CountAsync(Cancel));
                Assert.True(held == records.GetArrayLength(), $"{section.Key}: {held} held, {records.GetArrayLength()} exported");
            }
        }

        foreach (var kind in HenriksKinds)
        {
            Assert.True(sections.GetProperty(kind).GetProperty("records").GetArrayLength() > 0, $"Henrik has {kind}, the export shows none.");
        }

        var questions = sections.GetProperty("caseQuestions").GetProperty("records").EnumerateArray().Select(q => q.GetProperty("text").GetString()).ToList();
        Assert.Contains("Why must I port my number from Telenor to Telenor?", questions);
        Assert.Contains(sections.GetProperty("cases").GetProperty("records").EnumerateArray(), c => c.GetProperty("needStatement").GetString() == "Close my old Sonofon account");
        var firstContact = sections.GetProperty("contacts").GetProperty("records")[0];
        Assert.EndsWith("Z", firstContact.GetProperty("occurredAt").GetString(), StringComparison.Ordinal);
        var merged = Assert.Single(sections.GetProperty("customer").GetProperty("records").EnumerateArray(), c => c.GetProperty("status").GetString() == "Merged");
        Assert.Equal(henrik, merged.GetProperty("mergedIntoId").GetString());
        Assert.Contains(sections.GetProperty("audit").GetProperty("records").EnumerateArray(),
            e => e.GetProperty("action").GetString() == "Read" && e.GetProperty("userName").GetString() == "agent");
        Assert.Contains(sections.GetProperty("audit").GetProperty("records").EnumerateArray(),
            e => e.GetProperty("subjects").GetString()?.Contains(henrik, StringComparison.Ordinal) == true);
        Assert.Contains(sections.GetProperty("messagesReceived").GetProperty("records").EnumerateArray(),
            m => m.GetProperty("subject").GetString() == "Where is my offer?");
        // Secrets never leave their row, not even to the person they protect.
        Assert.DoesNotContain("codeHash", json.ToString(), StringComparison.Ordinal);

        // The readable copy: one page in his language, his data in sections with headings, times on his clock in Copenhagen.
        var html = System.Text.Encoding.UTF8.GetString(await ExportAsync(app, agent, henrik, "html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Personoplysninger, vi har om Henrik M", html, StringComparison.Ordinal);
        foreach (var section in PersonalDataSections.All)
        {
            Assert.Contains($"<section id=\"{section.Key}\"><h2>", html, StringComparison.Ordinal);
        }

        Assert.Contains("Why must I port my number from Telenor to Telenor?", html, StringComparison.Ordinal);
        Assert.Contains("Half a bill", html, StringComparison.Ordinal);
        Assert.Contains("(dansk tid)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_export_downloads_once_for_whoever_asked_and_is_then_a_record_of_the_request()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        using var lead = await app.CreateClientAsAsync("lead");
        var henrik = await CustomerIdAsync(app, StoryCustomers.S1Msisdn);

        var requested = await RequestAsync(agent, henrik);
        Assert.Equal("pending", requested.GetProperty("status").GetString());
        var id = requested.GetProperty("id").GetString()!;
        using (var early = await agent.GetAsync($"/api/personal-data-exports/{id}/download?format=json", Cancel))
        {
            Assert.Contains("still being written", (await HttpAssert.ProblemAsync(early, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await app.RunDueWorkAsync();
        Assert.Equal("ready", (await StatusAsync(lead, id)).GetProperty("status").GetString());

        using (var badFormat = await agent.GetAsync($"/api/personal-data-exports/{id}/download?format=pdf", Cancel))
        {
            await HttpAssert.ValidationProblemAsync(badFormat, "format");
        }

        using (var notTheirs = await lead.GetAsync($"/api/personal-data-exports/{id}/download?format=json", Cancel))
        {
            Assert.Contains("Anna Agent", (await HttpAssert.ProblemAsync(notTheirs, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var notTheirsToSend = await lead.PostAsJsonAsync($"/api/personal-data-exports/{id}/send", new { }, Cancel))
        {
            await HttpAssert.ProblemAsync(notTheirsToSend, HttpStatusCode.Forbidden);
        }

        using (var first = await agent.GetAsync($"/api/personal-data-exports/{id}/download?format=html", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Henrik", await first.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        using (var second = await agent.GetAsync($"/api/personal-data-exports/{id}/download?format=json", Cancel))
        {
            Assert.Contains("downloaded at 2026-12-07T09:00:00Z", (await HttpAssert.ProblemAsync(second, HttpStatusCode.Gone)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var sendAfter = await agent.PostAsJsonAsync($"/api/personal-data-exports/{id}/send", new { }, Cancel))
        {
            await HttpAssert.ProblemAsync(sendAfter, HttpStatusCode.Gone);
        }

        var record = await app.WithDbContextAsync(db => db.PersonalDataExports.AsNoTracking().SingleAsync(e => e.Id == Guid.Parse(id), Cancel));
        Assert.Equal((ExportStatus.Downloaded, (byte[]?)null, (byte[]?)null), (record.Status, record.JsonDocument, record.HtmlDocument));
        var status = await StatusAsync(agent, id);
        Assert.Equal("downloaded", status.GetProperty("status").GetString());

        // Asking, writing and downloading are each a read of his data in the audit, with the purpose.
        await app.Services.GetRequiredService<AuditJournal>().MoveAsync(Cancel);
        var purposes = await app.WithDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(PersonalDataExport) && e.EntityId == id && e.Action == AuditAction.Read).Select(e => e.Details!).ToListAsync(Cancel));
        Assert.Equal(
            [$"{ExportGeneration.Purpose}: downloaded as html", $"{ExportGeneration.Purpose}: requested", $"{ExportGeneration.Purpose}: written"],
            purposes.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Only_own_staff_ask_for_an_export_of_a_customer_who_exists()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var partner = await app.CreateClientAsAsync("partner");
        using var agent = await app.CreateClientAsAsync("agent");
        var henrik = await CustomerIdAsync(app, StoryCustomers.S1Msisdn);

        using (var byPartner = await partner.PostAsJsonAsync($"/api/customers/{henrik}/personal-data-exports", new { }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byPartner.StatusCode);
        }

        using (var unknown = await agent.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/personal-data-exports", new { }, Cancel))
        {
            await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        }

        using (var noExport = await agent.GetAsync($"/api/personal-data-exports/{Guid.NewGuid()}", Cancel))
        {
            await HttpAssert.ProblemAsync(noExport, HttpStatusCode.NotFound);
        }

        Assert.Equal(0, await app.WithDbContextAsync(db => db.PersonalDataExports.CountAsync(Cancel)));
    }

    [Fact]
    public async Task An_export_sent_to_the_customer_leaves_the_outbox_as_one_e_mail_with_the_HTML_and_JSON_attached()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, smtp.Settings, new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        var henrik = await CustomerIdAsync(app, StoryCustomers.S1Msisdn);
        var id = (await RequestAsync(agent, henrik)).GetProperty("id").GetString()!;
        await app.RunDueWorkAsync();

        using var sent = await agent.PostAsJsonAsync($"/api/personal-data-exports/{id}/send", new { }, Cancel);
        var view = await HttpAssert.JsonAsync(sent);
        Assert.Equal("sent", view.GetProperty("status").GetString());
        var message = await app.WithDbContextAsync(db => db.OutboundMessages.AsNoTracking().Include(m => m.Attachments)
            .SingleAsync(m => m.Id == Guid.Parse(view.GetProperty("sentMessageId").GetString()!), Cancel));
        Assert.Equal((Guid.Parse(henrik), HenriksEmail, "personalDataExport"), (message.CustomerId, message.ReceiverAddress, message.Purpose));
        Assert.Equal(["application/json", "text/html; charset=utf-8"], message.Attachments.Select(a => a.ContentType).Order(StringComparer.Ordinal).ToArray());

        await app.RunDueWorkAsync();
        var mail = Assert.Single(smtp.Received);
        Assert.Equal(HenriksEmail, Assert.Single(mail.To.Mailboxes).Address);
        var files = mail.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(2, files.Count);
        Assert.Contains(files, f => f.FileName?.EndsWith(".html", StringComparison.Ordinal) == true);
        Assert.Contains(files, f => f.FileName?.EndsWith(".json", StringComparison.Ordinal) == true);
        // In Henrik's language: he is Danish.
        Assert.Equal("En kopi af de personoplysninger, vi har om dig", mail.Subject);
        Assert.Contains("alt, hvad vi har om dig", mail.TextBody, StringComparison.Ordinal);

        using var again = await agent.PostAsJsonAsync($"/api/personal-data-exports/{id}/send", new { }, Cancel);
        Assert.Contains("sent to the customer", (await HttpAssert.ProblemAsync(again, HttpStatusCode.Gone)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_without_an_e_mail_address_cannot_be_sent_the_export_and_it_stays_ready_to_download()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        using var created = await agent.PostAsJsonAsync("/api/customers",
            new { name = "Ole Udenmail", jurisdiction = "DK", identities = new[] { new { kind = "msisdn", value = $"+4530{Random.Shared.Next(100_000, 999_999)}" } } }, Cancel);
        var customer = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var id = (await RequestAsync(agent, customer)).GetProperty("id").GetString()!;
        await app.RunDueWorkAsync();

        using var refused = await agent.PostAsJsonAsync($"/api/personal-data-exports/{id}/send", new { }, Cancel);
        Assert.Contains("no e-mail address", (await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("ready", (await StatusAsync(agent, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_customer_with_thousands_of_contacts_is_exported_in_one_run()
    {
        const int Contacts = 3000;
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        using var created = await agent.PostAsJsonAsync("/api/customers",
            new { name = "Tusind Kontakter", jurisdiction = "DK", identities = new[] { new { kind = "email", value = $"{Guid.NewGuid():N}@example.dk" } } }, Cancel);
        var customer = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await app.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            for (var i = 0; i < Contacts; i++)
            {
                db.Interactions.Add(new Interaction
                {
                    CustomerId = Guid.Parse(customer), OccurredAt = Start.UtcDateTime.AddMinutes(-i), RecordedAt = Start.UtcDateTime.AddMinutes(-i),
                    Channel = InteractionChannel.Phone, Direction = InteractionDirection.Inbound, AgentName = "Agent " + (i % 40), Reason = $"Call {i}",
                });
            }

            var written = await db.SaveChangesWritingAddedInBulkAsync(Cancel);
            await transaction.CommitAsync(Cancel);
            return written;
        });

        var json = JsonDocument.Parse(await ExportAsync(app, agent, customer, "json")).RootElement;
        Assert.Equal(Contacts, json.GetProperty("sections").GetProperty("contacts").GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task Every_entity_keyed_to_a_customer_is_in_the_export_or_left_out_with_a_reason()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var keyed = await app.WithDbContextAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.GetProperties().Any(p => p.Name.EndsWith("CustomerId", StringComparison.Ordinal)))
            .Select(e => e.ClrType).ToList()));
        var covered = PersonalDataSections.All.Select(s => s.EntityType).Concat(PersonalDataSections.LeftOut.Select(l => l.EntityType)).ToHashSet();

        Assert.Empty(keyed.Where(t => !covered.Contains(t)).Select(t => t.Name));
        Assert.All(PersonalDataSections.LeftOut, l => Assert.False(string.IsNullOrWhiteSpace(l.Why)));
        Assert.Equal(PersonalDataSections.All.Count, PersonalDataSections.All.Select(s => s.Key).Distinct().Count());
    }

    /// <summary>Henrik's S1 story through the API, on top of his demo history (nine contacts, eight people).</summary>
    private static async Task<string> ReplayS1Async(TouchpointApp app, HttpClient agent, HttpClient lead)
    {
        var henrik = await CustomerIdAsync(app, StoryCustomers.S1Msisdn);

        // S1-1: a port-in of his own number under his Sonofon id is refused; the renewal he wanted is offered instead.
        using (var portIn = await agent.PostAsJsonAsync("/api/orders", new
        {
            customerIdentity = StoryCustomers.S1LegacyId,
            items = new object[] { new { id = "1", action = "add", planCode = "DK-MOBIL-FRI", portInMsisdn = "20 55 01 01", donorOperator = "Telenor" } },
        }, Cancel))
        {
            await HttpAssert.ProblemAsync(portIn, HttpStatusCode.UnprocessableEntity);
        }

        // S1-3, S1-4: one case with his questions, moved on by its owner.
        using var opened = await agent.PostAsJsonAsync("/api/cases", new
        {
            customerId = henrik, type = "complaint", channel = "email", need = "Accept the renewal offer I was sent, without leaving Telenor",
            questions = HenriksQuestions,
        }, Cancel);
        var caseId = (await HttpAssert.JsonAsync(opened, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using (var moved = await agent.PostAsJsonAsync($"/api/cases/{caseId}/status", new { status = "inProgress" }, Cancel))
        {
            await HttpAssert.JsonAsync(moved);
        }

        using (var promised = await agent.PostAsJsonAsync("/api/promises",
                   new { customerId = henrik, kind = "callback", dueAt = Start.UtcDateTime.AddHours(2), madeVia = "phone", description = "Call back about the renewal offer" }, Cancel))
        {
            await HttpAssert.JsonAsync(promised, HttpStatusCode.Created);
        }

        using (var compensated = await agent.PostAsJsonAsync("/api/compensations",
                   new { customerId = henrik, amount = 150m, reason = "Half a bill for the port-in mix-up" }, Cancel))
        {
            Assert.True(compensated.IsSuccessStatusCode, await compensated.Content.ReadAsStringAsync(Cancel));
        }

        // S1-5: he cancels, and withdraws at the operator's request.
        var subscription = await app.WithDbContextAsync(db => db.Subscriptions.Where(s => s.CustomerId == Guid.Parse(henrik)).Select(s => s.Id).FirstAsync(Cancel));
        using var cancelled = await agent.PostAsJsonAsync($"/api/subscriptions/{subscription}/cancellation", new { channel = "phone" }, Cancel);
        var termination = (await HttpAssert.JsonAsync(cancelled, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using (var revoked = await agent.PostAsJsonAsync($"/api/terminations/{termination}/revoke", new { requestedBy = "operator", channel = "phone" }, Cancel))
        {
            await HttpAssert.JsonAsync(revoked);
        }

        // He writes in, by e-mail.
        var mail = new MimeMessage { Subject = "Where is my offer?", MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.dk"), Body = new TextPart("plain") { Text = "Nobody can find the offer you sent me." } };
        mail.From.Add(new MailboxAddress("Henrik Mølgaard", HenriksEmail));
        mail.To.Add(new MailboxAddress("Customer care", "customer-care@touchpoint.example"));
        var incoming = app.Services.GetRequiredService<MailSettings>().IncomingFolder;
        Directory.CreateDirectory(incoming);
        await mail.WriteToAsync(Path.Combine(incoming, $"{Guid.NewGuid():N}.eml"), Cancel);
        await app.RunDueWorkAsync();

        // His old Sonofon record turns up: a team lead merges it into his.
        using var duplicate = await agent.PostAsJsonAsync("/api/customers",
            new { name = "Henrik Mølgaard (Sonofon)", jurisdiction = "DK", identities = new[] { new { kind = "legacyId", value = $"sonofon:{Random.Shared.Next(10_000_000, 99_999_999)}" } } }, Cancel);
        var duplicateId = (await HttpAssert.JsonAsync(duplicate, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        // A case opened on the old record stays there after the merge (a merge moves identities, subscriptions, contacts
        // and promises): it is still his.
        using (var oldCase = await agent.PostAsJsonAsync("/api/cases",
                   new { customerId = duplicateId, type = "request", channel = "store", need = "Close my old Sonofon account" }, Cancel))
        {
            await HttpAssert.JsonAsync(oldCase, HttpStatusCode.Created);
        }

        // A search by his surname lists both records: one read of many, naming each.
        using (var search = await agent.GetAsync($"/api/customers?q={Uri.EscapeDataString("Mølgaard")}", Cancel))
        {
            Assert.True((await HttpAssert.JsonAsync(search)).GetArrayLength() >= 2);
        }

        using (var merged = await lead.PostAsJsonAsync($"/api/customers/{henrik}/merge",
                   new { mergedCustomerId = duplicateId, reason = "Henrik showed his ID in the store: both accounts are his." }, Cancel))
        {
            await HttpAssert.JsonAsync(merged);
        }

        // An agent reads his record: the read is his data too.
        using (var read = await agent.GetAsync($"/api/customers/{henrik}", Cancel))
        {
            await HttpAssert.JsonAsync(read);
        }

        return henrik;
    }

    /// <summary>Asks for an export, lets the generator write it and downloads it in <paramref name="format"/>.</summary>
    private static async Task<byte[]> ExportAsync(TouchpointApp app, HttpClient client, string customerId, string format)
    {
        var id = (await RequestAsync(client, customerId)).GetProperty("id").GetString()!;
        await app.RunDueWorkAsync();
        using var download = await client.GetAsync($"/api/personal-data-exports/{id}/download?format={format}", Cancel);
        Assert.True(download.StatusCode == HttpStatusCode.OK, await download.Content.ReadAsStringAsync(Cancel));
        return await download.Content.ReadAsByteArrayAsync(Cancel);
    }

    private static async Task<JsonElement> RequestAsync(HttpClient client, string customerId)
    {
        using var response = await client.PostAsJsonAsync($"/api/customers/{customerId}/personal-data-exports", new { }, Cancel);
        return await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/personal-data-exports/{id}", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static async Task<string> CustomerIdAsync(TouchpointApp app, string msisdn) =>
        (await app.WithDbContextAsync(db => db.CustomerIdentities.Where(i => i.Value == msisdn).Select(i => i.CustomerId).SingleAsync(Cancel))).ToString();
}

[Trait("Provider", "Sqlite")]
public sealed class PersonalDataExportScenariosOnSqlite(PostgresServer postgres) : PersonalDataExportScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class PersonalDataExportScenariosOnPostgres : PersonalDataExportScenarios
{
    public PersonalDataExportScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
