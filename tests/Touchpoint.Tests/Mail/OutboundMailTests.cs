using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;

namespace Touchpoint.Tests.Mail;

/// <summary>
/// The outbox delivered over real SMTP (a server in the test process on a loopback port): at least once, under one
/// Message-ID per message, retried with backoff while the server is down or deferring, failed with the server's
/// answer when it refuses; and, with no server configured, written as .eml files for the embedded default.
/// </summary>
public abstract class OutboundMailTests(PostgresServer postgres, Provider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_compensation_confirmation_reaches_the_SMTP_server_as_text_and_HTML_marked_auto_generated_under_its_Message_ID()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await StartAsync(smtp);
        using var agent = await app.CreateClientAsAsync("agent");
        var bert = await CustomerIdAsync(app, "Bert Lindqvist");
        using (var granted = await agent.PostAsJsonAsync("/api/compensations",
                   new { customerId = bert, amount = 350m, reason = "4G broadband sold where there is no coverage" }, Cancel))
        {
            await HttpAssert.JsonAsync(granted, HttpStatusCode.Created);
        }

        await app.RunDueWorkAsync();

        var mail = Assert.Single(smtp.Received);
        var message = await app.WithDbContextAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.CustomerId == bert, Cancel));
        Assert.Equal(message.MessageId, mail.MessageId);
        Assert.EndsWith("@touchpoint.example", mail.MessageId, StringComparison.Ordinal);
        Assert.Equal("bert.lindqvist@example.se", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        Assert.Contains("350", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("350", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal((MessageState.Completed, 1), (message.State, message.TryTimes));
        Assert.Equal("250 Ok", message.GatewayAnswer);
        Assert.Null(message.NextAttemptAt);

        using var tmf = await agent.GetAsync($"/tmf-api/communicationManagement/v4/communicationMessage/{message.Id}", Cancel);
        var shown = await HttpAssert.JsonAsync(tmf);
        Assert.Equal("completed", shown.GetProperty("state").GetString());
        Assert.Equal(Start.UtcDateTime, shown.GetProperty("sendTimeComplete").GetDateTime().ToUniversalTime());

        // Delivered means done: the next run finds nothing to send.
        Assert.Equal(0, await app.RunDueWorkAsync());
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task While_the_server_is_down_messages_wait_with_its_answer_and_arrive_once_it_is_back()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await StartAsync(smtp);
        var ids = await QueueAsync(app, 3);
        await smtp.StopAsync();

        await app.RunDueWorkAsync();
        var waiting = await MessagesAsync(app, ids);
        Assert.All(waiting, m =>
        {
            Assert.Equal((MessageState.InProgress, 1), (m.State, m.TryTimes));
            Assert.Equal(Start.UtcDateTime.AddMinutes(1), m.NextAttemptAt);
            Assert.Contains($"127.0.0.1:{smtp.Port}", m.LastError, StringComparison.Ordinal);
        });

        // Not due again before the wait is over.
        app.Clock!.Advance(TimeSpan.FromSeconds(59));
        await app.RunDueWorkAsync();
        Assert.All(await MessagesAsync(app, ids), m => Assert.Equal(1, m.TryTimes));

        smtp.Restart();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await app.RunDueWorkAsync();
        Assert.All(await MessagesAsync(app, ids), m => Assert.Equal((MessageState.Completed, 2, (string?)null), (m.State, m.TryTimes, m.LastError)));
        Assert.Equal(3, smtp.Received.Count);
    }

    [Fact]
    public async Task A_server_that_stops_answering_mid_send_loses_nothing_and_a_message_sent_again_keeps_its_Message_ID()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await StartAsync(smtp);
        var ids = await QueueAsync(app, 3);

        // The second message is taken, then the server goes silent: the sender gives up on the connection.
        smtp.Then(SmtpBehaviour.Accept, SmtpBehaviour.Hang);
        await app.RunDueWorkAsync();
        var afterHang = await MessagesAsync(app, ids);
        Assert.Equal(1, afterHang.Count(m => m.State == MessageState.Completed));
        Assert.Equal(2, afterHang.Count(m => m.State == MessageState.InProgress && m.NextAttemptAt == Start.UtcDateTime.AddMinutes(1)));

        await smtp.StopAsync();
        smtp.Restart();
        app.Clock!.Advance(TimeSpan.FromMinutes(1));
        await app.RunDueWorkAsync();

        var sent = await MessagesAsync(app, ids);
        Assert.All(sent, m => Assert.Equal(MessageState.Completed, m.State));
        // The server saw the hung message twice, under one Message-ID: a receiver can tell it is one message.
        Assert.Equal(4, smtp.Received.Count);
        Assert.Equal(sent.Select(m => m.MessageId).Order(), smtp.Received.Select(m => m.MessageId).Distinct().Order());
    }

    [Fact]
    public async Task A_refusal_fails_the_message_with_the_servers_answer_and_a_deferral_is_tried_again()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = await StartAsync(smtp);
        var ids = await QueueAsync(app, 2);
        smtp.Then(SmtpBehaviour.Refuse, SmtpBehaviour.Defer);

        await app.RunDueWorkAsync();

        var (refused, deferred) = (await MessagesAsync(app, ids) is var both ? (both[0], both[1]) : default);
        Assert.Equal((MessageState.Failed, (DateTime?)null), (refused.State, refused.NextAttemptAt));
        Assert.Contains("550", refused.LastError, StringComparison.Ordinal);
        Assert.Contains("no such mailbox", refused.LastError, StringComparison.Ordinal);
        Assert.Equal(MessageState.InProgress, deferred.State);
        Assert.StartsWith("451", deferred.LastError, StringComparison.Ordinal);

        app.Clock!.Advance(TimeSpan.FromMinutes(1));
        await app.RunDueWorkAsync();
        var after = await MessagesAsync(app, ids);
        Assert.Equal((MessageState.Failed, 1), (after[0].State, after[0].TryTimes));
        Assert.Equal((MessageState.Completed, 2), (after[1].State, after[1].TryTimes));
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task Without_a_server_each_message_is_written_once_as_an_eml_file_named_by_its_Message_ID()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
        var ids = await QueueAsync(app, 2);

        await app.RunDueWorkAsync();

        var folder = app.Services.GetRequiredService<MailSettings>().OutgoingFolder;
        var messages = await MessagesAsync(app, ids);
        Assert.All(messages, m => Assert.Equal(MessageState.Completed, m.State));
        var files = Directory.GetFiles(folder, "*.eml").Order().ToList();
        Assert.Equal(messages.Select(m => Path.Combine(folder, m.MessageId + ".eml")).Order(), files);
        var written = await MimeMessage.LoadAsync(files[0], Cancel);
        Assert.Contains(written.MessageId, messages.Select(m => m.MessageId));
        Assert.Equal("auto-generated", written.Headers["Auto-Submitted"]);
    }

    private async Task<TouchpointApp> StartAsync(TestSmtpServer smtp) =>
        await TouchpointApp.StartAsync(provider, postgres, smtp.Settings, new FakeTimeProvider(Start));

    /// <summary>Writes <paramref name="count"/> notices to Magnus Ek, as any feature does, a second apart up to now; returns their ids in order.</summary>
    private static async Task<List<Guid>> QueueAsync(TouchpointApp app, int count)
    {
        var customer = await CustomerIdAsync(app, "Magnus Ek");
        return await app.WithDbContextAsync(async db =>
        {
            var now = app.Clock!.GetUtcNow().UtcDateTime;
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                ids.Add(MessageOutbox.Queue(db, new NewMessage(customer, "Magnus Ek", MessageTypes.Email, "magnus.ek@example.se",
                    $"Notice {i + 1}", $"Notice number {i + 1}.", MessagePurposes.TermChangeNotice), now.AddSeconds(i - count + 1)).Id);
            }

            await db.SaveChangesAsync(Cancel);
            return ids;
        });
    }

    private static Task<List<OutboundMessage>> MessagesAsync(TouchpointApp app, List<Guid> ids) =>
        app.WithDbContextAsync(async db =>
        {
            var rows = await db.OutboundMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(Cancel);
            return ids.Select(id => rows.Single(m => m.Id == id)).ToList();
        });

    private static Task<Guid> CustomerIdAsync(TouchpointApp app, string name) =>
        app.WithDbContextAsync(db => db.Customers.Where(c => c.Name == name).Select(c => c.Id).SingleAsync(Cancel));
}

[Trait("Provider", "Sqlite")]
public sealed class OutboundMailTestsOnSqlite(PostgresServer postgres) : OutboundMailTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class OutboundMailTestsOnPostgres : OutboundMailTests
{
    public OutboundMailTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
