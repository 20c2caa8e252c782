using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Touchpoint.Features.Mail;

namespace Touchpoint.Tests.Mail;

/// <summary>
/// Mail read from a real IMAP server (dovecot, started by the test class): every unseen message is stored once and
/// marked seen; one delivered twice is stored once; one the database refuses stays unseen; a folder that does not exist
/// is named in a clear error.
/// </summary>
public abstract class ImapInboxTests(PostgresServer postgres, DovecotServer dovecot, Provider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unseen_mail_is_stored_once_threaded_and_marked_seen_and_a_second_delivery_is_not_stored_again()
    {
        dovecot.SkipUnlessRunning();
        var mailbox = $"care{Guid.NewGuid():N}"[..16];
        await using var app = await TouchpointApp.StartAsync(provider, postgres, await dovecot.CreateMailboxAsync(mailbox), new FakeTimeProvider(Start));
        var complaint = Mail("bert.lindqvist@example.se", "No broadband", "There is no 4G at the summer house.");
        var question = Mail("magnus.ek@example.se", "My bill", "Why is it higher this month?");
        await dovecot.AppendAsync(mailbox, complaint, question);
        var inbox = app.Services.GetRequiredService<ImapInbox>();

        Assert.Equal(new ImapRun(2, 0, null), await inbox.ReceiveAsync(Cancel));
        Assert.All(await dovecot.FlagsAsync(mailbox), flags => Assert.True(flags.HasFlag(MessageFlags.Seen)));

        // The same message again (a relay retried): read, marked seen, not stored twice.
        await dovecot.AppendAsync(mailbox, complaint);
        Assert.Equal(new ImapRun(1, 0, null), await inbox.ReceiveAsync(Cancel));
        Assert.Equal(new ImapRun(0, 0, null), await inbox.ReceiveAsync(Cancel));

        var stored = await app.WithDbContextAsync(db => db.InboundMessages.AsNoTracking().OrderBy(m => m.FromAddress).ToListAsync(Cancel));
        Assert.Equal(["bert.lindqvist@example.se", "magnus.ek@example.se"], stored.Select(m => m.FromAddress));
        Assert.All(stored, m => Assert.NotNull(m.CaseId));
        Assert.StartsWith("IMAP INBOX UID ", stored[0].Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_the_database_refuses_stays_unseen_to_be_read_again_while_the_rest_of_its_batch_is_marked_seen()
    {
        dovecot.SkipUnlessRunning();
        var mailbox = $"care{Guid.NewGuid():N}"[..16];
        await using var app = await TouchpointApp.StartAsync(provider, postgres, await dovecot.CreateMailboxAsync(mailbox), new FakeTimeProvider(Start));
        await RefusedMail.RefusePoisonAsync(app);
        await dovecot.AppendAsync(mailbox,
            Mail("bert.lindqvist@example.se", "No broadband", "There is no 4G at the summer house."),
            Mail("magnus.ek@example.se", "Poison", "The database refuses this one."),
            Mail("bert.lindqvist@example.se", "My bill", "Why is it higher this month?"));
        var inbox = app.Services.GetRequiredService<ImapInbox>();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => inbox.ReceiveAsync(Cancel));

        Assert.StartsWith("1 of 3 messages in INBOX could not be stored", failure.Message, StringComparison.Ordinal);
        Assert.Equal([true, false, true], (await dovecot.FlagsAsync(mailbox)).Select(flags => flags.HasFlag(MessageFlags.Seen)));
        Assert.Equal(2, await app.WithDbContextAsync(db => db.InboundMessages.CountAsync(Cancel)));

        await RefusedMail.AcceptPoisonAsync(app);
        Assert.Equal(new ImapRun(1, 0, null), await inbox.ReceiveAsync(Cancel));
        Assert.All(await dovecot.FlagsAsync(mailbox), flags => Assert.True(flags.HasFlag(MessageFlags.Seen)));
        Assert.Equal(3, await app.WithDbContextAsync(db => db.InboundMessages.CountAsync(Cancel)));
    }

    [Fact]
    public async Task An_unknown_folder_is_a_clear_error_naming_the_setting_and_the_folders_there()
    {
        dovecot.SkipUnlessRunning();
        var mailbox = $"care{Guid.NewGuid():N}"[..16];
        var settings = new Dictionary<string, string?>(await dovecot.CreateMailboxAsync(mailbox)) { ["Touchpoint:Mail:Imap:Folder"] = "Complaints" };
        await using var app = await TouchpointApp.StartAsync(provider, postgres, settings, new FakeTimeProvider(Start));

        var run = await app.Services.GetRequiredService<ImapInbox>().ReceiveAsync(Cancel);

        Assert.Equal((0, 0), (run.Received, run.Refused));
        Assert.StartsWith("Touchpoint:Mail:Imap:Folder 'Complaints' does not exist on 127.0.0.1; it has INBOX", run.Error, StringComparison.Ordinal);
    }

    private static MimeMessage Mail(string from, string subject, string text)
    {
        var mail = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.example"), Body = new TextPart("plain") { Text = text } };
        mail.From.Add(new MailboxAddress("", from));
        mail.To.Add(new MailboxAddress("Customer care", "customer-care@touchpoint.example"));
        return mail;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ImapInboxTestsOnSqlite(PostgresServer postgres, DovecotServer dovecot)
    : ImapInboxTests(postgres, dovecot, Provider.Sqlite), IClassFixture<DovecotServer>;

[Trait("Provider", "Postgres")]
public sealed class ImapInboxTestsOnPostgres : ImapInboxTests, IClassFixture<DovecotServer>
{
    public ImapInboxTestsOnPostgres(PostgresServer postgres, DovecotServer dovecot)
        : base(postgres, dovecot, Provider.Postgres) => postgres.SkipUnlessRunning();
}
