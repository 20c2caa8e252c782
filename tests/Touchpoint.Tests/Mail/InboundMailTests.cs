using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;

namespace Touchpoint.Tests.Mail;

/// <summary>
/// Customers' e-mail arriving through the drop folder (the embedded default's mailbox): stored once, matched by
/// sender, kept on one case per conversation, never on another customer's case; machines' mail recorded but never
/// answered; bounces fail our message and mark the address; unreadable mail set aside with the reason.
/// </summary>
public abstract class InboundMailTests(PostgresServer postgres, Provider provider)
{
    private const string Bert = "bert.lindqvist@example.se";
    private const string Magnus = "magnus.ek@example.se";
    private const string Nobody = "nobody.known@example.se";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_complaint_by_e_mail_opens_a_case_in_the_e_mail_queue_and_the_same_mail_delivered_twice_is_stored_once()
    {
        await using var app = await StartAsync();
        var complaint = Mail(Bert, "Bert Lindqvist", "No broadband at the summer house", "You sold me 4G where there is no coverage.");

        await DropAsync(app, complaint, "complaint.eml");
        await DropAsync(app, complaint, "complaint-again.eml");
        await app.RunDueWorkAsync();

        var stored = Assert.Single(await InboundAsync(app, Bert));
        Assert.Equal(InboundKind.Personal, stored.Kind);
        var @case = await app.WithDbContextAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == stored.CaseId, Cancel));
        Assert.Equal((OwnerKind.Queue, "email", InteractionChannel.Email), (@case.OwnerKind, @case.OwnerId, @case.Channel));
        Assert.Equal("No broadband at the summer house: You sold me 4G where there is no coverage.", @case.NeedStatement);
        var contact = await app.WithDbContextAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == stored.InteractionId, Cancel));
        Assert.Equal((InteractionChannel.Email, InteractionDirection.Inbound, @case.Reference), (contact.Channel, contact.Direction, contact.CaseRef));
        Assert.Equal(2, Directory.GetFiles(Processed(app), "*.eml").Length);
    }

    [Fact]
    public async Task A_mail_left_claimed_by_a_node_that_stopped_is_read_once_its_claim_has_lapsed()
    {
        await using var app = await StartAsync();
        var claimedFolder = Path.Combine(app.Services.GetRequiredService<MailSettings>().IncomingFolder, ".claimed");
        Directory.CreateDirectory(claimedFolder);
        var lapsed = Path.Combine(claimedFolder, "lapsed.eml");
        var fresh = Path.Combine(claimedFolder, "fresh.eml");
        await Mail(Bert, "Bert Lindqvist", "Coverage", "No 4G.").WriteToAsync(lapsed, Cancel);
        await Mail(Magnus, "Magnus Ek", "Invoice", "Charged twice.").WriteToAsync(fresh, Cancel);
        File.SetLastWriteTimeUtc(lapsed, (Start - MailDropFolder.ClaimLease).UtcDateTime);
        File.SetLastWriteTimeUtc(fresh, (Start - MailDropFolder.ClaimLease / 2).UtcDateTime);

        await app.RunDueWorkAsync();

        Assert.Single(await InboundAsync(app, Bert));
        Assert.Empty(await InboundAsync(app, Magnus));
        Assert.True(File.Exists(fresh), "a claim still within its lease belongs to the node reading it");
        app.Clock!.Advance(MailDropFolder.ClaimLease);
        await app.RunDueWorkAsync();
        Assert.Single(await InboundAsync(app, Magnus));
        Assert.Equal(["fresh.eml", "lapsed.eml"], Directory.GetFiles(Processed(app), "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Replies_stay_on_one_case_by_their_headers_or_by_the_case_reference_from_the_same_customer()
    {
        await using var app = await StartAsync();
        var first = Mail(Bert, "Bert Lindqvist", "Compensation", "37 days without broadband.");
        await DropAsync(app, first, "1.eml");
        await app.RunDueWorkAsync();
        var caseId = (await InboundAsync(app, Bert)).Single().CaseId!.Value;
        var reference = await app.WithDbContextAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync(Cancel));

        // Touchpoint answers on the case; Bert answers that, then writes again quoting only the reference.
        var answerId = await AnswerAsync(app, caseId, reference);
        var reply = Mail(Bert, "Bert Lindqvist", $"Re: Your case [{reference}]", "That is not enough.");
        reply.InReplyTo = answerId;
        reply.References.Add(first.MessageId!);
        reply.References.Add(answerId);
        await DropAsync(app, reply, "2.eml");
        await DropAsync(app, Mail(Bert, "Bert Lindqvist", $"Still waiting [{reference}]", "Any news?"), "3.eml");
        await app.RunDueWorkAsync();

        var all = await InboundAsync(app, Bert);
        Assert.Equal(3, all.Count);
        Assert.All(all, m => Assert.Equal(caseId, m.CaseId));
        Assert.StartsWith($"a reply in the thread of {reference}", all[1].Routing, StringComparison.Ordinal);
        Assert.StartsWith($"quotes {reference} in its subject", all[2].Routing, StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbContextAsync(db => db.Interactions.CountAsync(i => i.CaseRef == reference && i.Direction == InteractionDirection.Inbound, Cancel)));
        Assert.Equal(1, await app.WithDbContextAsync(db => db.Cases.CountAsync(c => c.CustomerId == all[0].CustomerId && c.Channel == InteractionChannel.Email, Cancel)));
    }

    [Fact]
    public async Task A_mail_quoting_another_customers_case_reference_never_lands_on_that_case()
    {
        await using var app = await StartAsync();
        await DropAsync(app, Mail(Bert, "Bert Lindqvist", "Coverage", "No 4G."), "bert.eml");
        await app.RunDueWorkAsync();
        var bertsCase = (await InboundAsync(app, Bert)).Single().CaseId!.Value;
        var reference = await app.WithDbContextAsync(db => db.Cases.Where(c => c.Id == bertsCase).Select(c => c.Reference).SingleAsync(Cancel));

        var spoofed = Mail(Magnus, "Magnus Ek", $"Re: [{reference}]", "Please cancel everything on this case.");
        spoofed.InReplyTo = (await InboundAsync(app, Bert)).Single().MessageId;
        await DropAsync(app, spoofed, "magnus.eml");
        await app.RunDueWorkAsync();

        var magnus = Assert.Single(await InboundAsync(app, Magnus));
        Assert.NotEqual(bertsCase, magnus.CaseId);
        Assert.Contains($"quotes {reference}, which is not this sender's case", magnus.Routing, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbContextAsync(db => db.Interactions.CountAsync(i => i.CaseRef == reference, Cancel)));
    }

    [Fact]
    public async Task Auto_replies_are_recorded_on_the_case_but_open_nothing_and_are_never_answered()
    {
        await using var app = await StartAsync();
        await DropAsync(app, Mail(Bert, "Bert Lindqvist", "Coverage", "No 4G."), "1.eml");
        await app.RunDueWorkAsync();
        var caseId = (await InboundAsync(app, Bert)).Single().CaseId!.Value;
        var reference = await app.WithDbContextAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync(Cancel));
        var answerId = await AnswerAsync(app, caseId, reference);
        var outboxBefore = await app.WithDbContextAsync(db => db.OutboundMessages.CountAsync(Cancel));

        var vacation = Mail(Bert, "Bert Lindqvist", "Out of office", "I am away until Monday.");
        vacation.InReplyTo = answerId;
        vacation.Headers.Add("Auto-Submitted", "auto-replied");
        var list = Mail("news@example.org", "A newsletter", "Weekly news", "Deals!");
        list.Headers.Add("Precedence", "bulk");
        await DropAsync(app, vacation, "vacation.eml");
        await DropAsync(app, list, "list.eml");
        await app.RunDueWorkAsync();

        var automatic = (await InboundAsync(app, Bert)).Last();
        Assert.Equal((InboundKind.Automatic, caseId), (automatic.Kind, automatic.CaseId));
        Assert.Contains("never answered", automatic.Routing, StringComparison.Ordinal);
        var newsletter = Assert.Single(await InboundAsync(app, "news@example.org"));
        Assert.Equal((InboundKind.Automatic, (Guid?)null, (Guid?)null), (newsletter.Kind, newsletter.CustomerId, newsletter.CaseId));
        Assert.Equal(1, await app.WithDbContextAsync(db => db.Cases.CountAsync(c => c.Channel == InteractionChannel.Email, Cancel)));
        Assert.Equal(outboxBefore, await app.WithDbContextAsync(db => db.OutboundMessages.CountAsync(Cancel)));
        Assert.False(await app.WithDbContextAsync(db => db.Customers.AnyAsync(c => c.Name == "A newsletter", Cancel)));
    }

    [Fact]
    public async Task A_bounce_fails_our_message_marks_the_address_and_tells_the_cases_owner_and_a_delay_does_not()
    {
        await using var app = await StartAsync();
        await DropAsync(app, Mail(Bert, "Bert Lindqvist", "Coverage", "No 4G."), "1.eml");
        await app.RunDueWorkAsync();
        var caseId = (await InboundAsync(app, Bert)).Single().CaseId!.Value;
        var reference = await app.WithDbContextAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync(Cancel));
        var answerId = await AnswerAsync(app, caseId, reference);

        await DropAsync(app, DeliveryReport(answerId, "delayed", "4.4.7"), "delayed.eml");
        await app.RunDueWorkAsync();
        Assert.Equal(MessageState.Completed, (await OutboundAsync(app, answerId)).State);

        await DropAsync(app, DeliveryReport(answerId, "failed", "5.1.1"), "bounce.eml");
        await app.RunDueWorkAsync();

        var failed = await OutboundAsync(app, answerId);
        Assert.Equal(MessageState.Failed, failed.State);
        Assert.Equal($"bounced: 5.1.1 for {Bert}", failed.LastError);
        var identity = await app.WithDbContextAsync(db => db.CustomerIdentities.AsNoTracking().SingleAsync(i => i.Value == Bert, Cancel));
        Assert.Equal(Start.UtcDateTime, identity.BouncingSince);
        var accountable = await app.WithDbContextAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.AccountableUserId).SingleAsync(Cancel));
        var told = await app.WithDbContextAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Kind == NotificationKinds.MailBounced, Cancel));
        Assert.Equal((accountable, $"/cases/{caseId}"), (told.UserId, told.Link));
        Assert.Equal(2, await app.WithDbContextAsync(db => db.InboundMessages.CountAsync(m => m.Kind == InboundKind.Bounce || m.Kind == InboundKind.DeliveryDelayed, Cancel)));
    }

    [Fact]
    public async Task Attachments_are_kept_by_what_they_are_and_executables_and_unreadable_mail_are_refused_with_the_reason()
    {
        await using var app = await StartAsync();
        var withFiles = Mail(Bert, "Bert Lindqvist", "My bill", "See attached.");
        var body = new BodyBuilder { TextBody = "See attached." };
        body.Attachments.Add("bill.pdf", "%PDF-1.7 the bill"u8.ToArray(), new ContentType("application", "pdf"));
        body.Attachments.Add("photo.jpg", "MZ\u0090\0 not a photo"u8.ToArray(), new ContentType("image", "jpeg"));
        withFiles.Body = body.ToMessageBody();
        await DropAsync(app, withFiles, "files.eml");
        var folder = app.Services.GetRequiredService<MailSettings>().IncomingFolder;
        await File.WriteAllTextAsync(Path.Combine(folder, "garbage.eml"), "this is not\r\na mail at all", Cancel);
        await app.RunDueWorkAsync();

        var stored = Assert.Single(await InboundAsync(app, Bert));
        var attachments = await app.WithDbContextAsync(db => db.InboundAttachments.AsNoTracking()
            .Where(a => a.InboundMessageId == stored.Id).OrderBy(a => a.FileName).ToListAsync(Cancel));
        Assert.Equal(("bill.pdf", "application/pdf", (string?)null), (attachments[0].FileName, attachments[0].ContentType, attachments[0].RefusedBecause));
        Assert.NotNull(attachments[0].Content);
        Assert.Equal(("photo.jpg", "an executable or script: never kept"), (attachments[1].FileName, attachments[1].RefusedBecause));
        Assert.Null(attachments[1].Content);
        var reason = await File.ReadAllTextAsync(Path.Combine(folder, "refused", "garbage.eml.reason.txt"), Cancel);
        Assert.StartsWith("not a readable e-mail: ", reason, StringComparison.Ordinal);
        Assert.Empty(await InboundAsync(app, ""));
    }

    [Fact]
    public async Task Mail_dropped_together_is_stored_in_one_batch_as_it_would_be_one_by_one()
    {
        await using var app = await StartAsync();
        const string Nora = "nora.nyberg@example.se";
        var roaming = Mail(Nora, "Nora Nyberg", "Roaming", "Roaming does not work in Norway.");
        var invoice = Mail(Nora, "Nora Nyberg", "Invoice", "And my invoice is wrong.");
        var stillBroken = Mail(Nora, "Nora Nyberg", "Re: Roaming", "It still does not work.");
        stillBroken.InReplyTo = roaming.MessageId;
        await DropAsync(app, roaming, "1.eml");
        await DropAsync(app, roaming, "2.eml");
        await DropAsync(app, invoice, "3.eml");
        await DropAsync(app, stillBroken, "4.eml");
        await DropAsync(app, Mail(Bert, "Bert Lindqvist", "Coverage", "No 4G."), "5.eml");
        await DropAsync(app, Mail(Bert, "Bert Lindqvist", "Porting", "Please move my number."), "6.eml");

        await app.RunDueWorkAsync();

        var nora = await InboundAsync(app, Nora);
        Assert.Equal(["1.eml", "3.eml", "4.eml"], nora.Select(m => m.Source["drop folder: ".Length..]));
        var contact = Assert.Single(nora.Select(m => m.CustomerId).Distinct());
        Assert.Equal(1, await app.WithDbContextAsync(db => db.CustomerIdentities.CountAsync(i => i.Value == Nora, Cancel)));
        Assert.StartsWith("an unknown sender, now a new contact; opened ", nora[0].Routing, StringComparison.Ordinal);
        Assert.StartsWith("opened ", nora[1].Routing, StringComparison.Ordinal);
        Assert.StartsWith("a reply in the thread of ", nora[2].Routing, StringComparison.Ordinal);
        Assert.Equal(nora[0].CaseId, nora[2].CaseId);
        Assert.Equal(2, await app.WithDbContextAsync(db => db.Cases.CountAsync(c => c.CustomerId == contact, Cancel)));
        var bert = await InboundAsync(app, Bert);
        Assert.Equal(2, bert.Select(m => m.CaseId).Distinct().Count());
        Assert.Equal(6, Directory.GetFiles(Processed(app), "*.eml").Length);
    }

    [Fact]
    public async Task A_mail_with_control_characters_is_kept_with_each_marked_rather_than_refused()
    {
        await using var app = await StartAsync();
        await DropAsync(app, Mail(Bert, "Bert\u0007 Lindqvist", "No\0 coverage", "Line one\r\nNUL here:\0 and an escape:\u001b[0m"), "control.eml");

        await app.RunDueWorkAsync();

        var stored = Assert.Single(await InboundAsync(app, Bert));
        Assert.Equal(("Bert\uFFFD Lindqvist", "No\uFFFD coverage"), (stored.FromName, stored.Subject));
        Assert.Contains("NUL here:\uFFFD and an escape:\uFFFD[0m", stored.Text, StringComparison.Ordinal);
        Assert.Contains("Line one", stored.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_the_database_refuses_fails_alone_and_is_read_again_while_the_rest_of_its_batch_is_stored()
    {
        await using var app = await StartAsync();
        await RefusedMail.RefusePoisonAsync(app);
        await DropAsync(app, Mail(Bert, "Bert Lindqvist", "Coverage", "No 4G."), "1.eml");
        await DropAsync(app, Mail(Magnus, "Magnus Ek", "Poison", "This one the database refuses."), "2.eml");
        await DropAsync(app, Mail(Bert, "Bert Lindqvist", "Invoice", "Charged twice."), "3.eml");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => app.RunDueWorkAsync());

        Assert.StartsWith("1 of 3 dropped messages could not be stored", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await InboundAsync(app, Bert)).Count);
        Assert.Empty(await InboundAsync(app, Magnus));
        Assert.Equal(["2.eml"], Incoming(app));
        Assert.Equal(2, Directory.GetFiles(Processed(app), "*.eml").Length);

        await RefusedMail.AcceptPoisonAsync(app);
        await app.RunDueWorkAsync();
        Assert.Single(await InboundAsync(app, Magnus));
        Assert.Equal(2, (await InboundAsync(app, Bert)).Count);
        Assert.Empty(Incoming(app));
    }

    [Fact]
    public async Task A_batch_that_cannot_be_stored_leaves_every_file_to_be_read_again_and_nothing_of_it_stored()
    {
        await using var app = await StartAsync();
        var casesBefore = await app.WithDbContextAsync(db => db.Cases.CountAsync(Cancel));
        await RefusedMail.RefusePoisonAsync(app);
        await DropAsync(app, Mail(Bert, "Bert Lindqvist", "Poison", "No 4G."), "1.eml");
        await DropAsync(app, Mail(Nobody, "Nobody Known", "Poison", "Who am I?"), "2.eml");

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.RunDueWorkAsync());

        Assert.Equal(["1.eml", "2.eml"], Incoming(app));
        Assert.False(Directory.Exists(Processed(app)) && Directory.GetFiles(Processed(app)).Length > 0);
        Assert.Empty(await InboundAsync(app, Bert));
        Assert.Equal(0, await app.WithDbContextAsync(db => db.CustomerIdentities.CountAsync(i => i.Value == Nobody, Cancel)));
        Assert.Equal(casesBefore, await app.WithDbContextAsync(db => db.Cases.CountAsync(Cancel)));

        await RefusedMail.AcceptPoisonAsync(app);
        await app.RunDueWorkAsync();
        Assert.Single(await InboundAsync(app, Bert));
        Assert.Single(await InboundAsync(app, Nobody));
        Assert.Equal(casesBefore + 2, await app.WithDbContextAsync(db => db.Cases.CountAsync(Cancel)));
    }

    private static List<string> Incoming(TouchpointApp app) =>
        [.. Directory.GetFiles(app.Services.GetRequiredService<MailSettings>().IncomingFolder, "*.eml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    private Task<TouchpointApp> StartAsync() => TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));

    private static MimeMessage Mail(string from, string name, string subject, string text)
    {
        var mail = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.example"), Body = new TextPart("plain") { Text = text } };
        mail.From.Add(new MailboxAddress(name, from));
        mail.To.Add(new MailboxAddress("Customer care", "customer-care@touchpoint.example"));
        return mail;
    }

    private static MimeMessage DeliveryReport(string originalMessageId, string action, string status)
    {
        var report = new MimeMessage { Subject = "Delivery Status Notification", MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mx.example.se") };
        report.From.Add(new MailboxAddress("Mail Delivery System", "mailer-daemon@mx.example.se"));
        report.To.Add(new MailboxAddress("Customer care", "customer-care@touchpoint.example"));
        var statusPart = new MessageDeliveryStatus();
        statusPart.StatusGroups.Add(new HeaderList { { "Reporting-MTA", "dns; mx.example.se" } });
        statusPart.StatusGroups.Add(new HeaderList { { "Final-Recipient", $"rfc822; {Bert}" }, { "Action", action }, { "Status", status } });
        var original = new MimeMessage { MessageId = originalMessageId, Subject = "Your case" };
        original.From.Add(new MailboxAddress("Customer care", "customer-care@touchpoint.example"));
        var multipart = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Your message could not be delivered." },
            statusPart,
            new MessagePart { Message = original },
        };
        report.Body = multipart;
        return report;
    }

    /// <summary>Writes Touchpoint's answer on the case and delivers it (to the outgoing folder); returns its Message-ID.</summary>
    private static async Task<string> AnswerAsync(TouchpointApp app, Guid caseId, string reference)
    {
        var id = await app.WithDbContextAsync(async db =>
        {
            var @case = await db.Cases.SingleAsync(c => c.Id == caseId, Cancel);
            var row = MessageOutbox.Queue(db, new NewMessage(@case.CustomerId, "Bert Lindqvist", MessageTypes.Email, Bert, "Your case",
                "We are looking into it.", MessagePurposes.Reply) { CaseId = caseId, CaseReference = reference }, app.Clock!.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(Cancel);
            return row.Id;
        });
        await app.RunDueWorkAsync();
        return await app.WithDbContextAsync(db => db.OutboundMessages.Where(m => m.Id == id).Select(m => m.MessageId!).SingleAsync(Cancel));
    }

    private static Task<OutboundMessage> OutboundAsync(TouchpointApp app, string messageId) =>
        app.WithDbContextAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.MessageId == messageId, Cancel));

    private static async Task DropAsync(TouchpointApp app, MimeMessage mail, string fileName)
    {
        var folder = app.Services.GetRequiredService<MailSettings>().IncomingFolder;
        Directory.CreateDirectory(folder);
        await mail.WriteToAsync(Path.Combine(folder, fileName), Cancel);
    }

    private static string Processed(TouchpointApp app) => Path.Combine(app.Services.GetRequiredService<MailSettings>().IncomingFolder, "processed");

    private static Task<List<InboundMessage>> InboundAsync(TouchpointApp app, string from) =>
        app.WithDbContextAsync(db => db.InboundMessages.AsNoTracking().Where(m => m.FromAddress == from).OrderBy(m => m.Id).ToListAsync(Cancel));
}

[Trait("Provider", "Sqlite")]
public sealed class InboundMailTestsOnSqlite(PostgresServer postgres) : InboundMailTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class InboundMailTestsOnPostgres : InboundMailTests
{
    public InboundMailTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
