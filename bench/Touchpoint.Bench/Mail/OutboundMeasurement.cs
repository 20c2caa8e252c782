using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Bench.Mail;

/// <summary>
/// Replies on the seeded cases queued in the outbox (untimed), then delivered by Touchpoint's <see cref="MessageDelivery"/>
/// to the in-process SMTP server batch by batch as the <see cref="DueWatcher"/> runs it, against the same messages composed
/// with MimeKit and sent by MailKit over one connection to the same server, and the rows Touchpoint stored for them put
/// back with prepared inserts (<see cref="StoredRows"/>).
/// </summary>
internal static class OutboundMeasurement
{
    public static async Task RunAsync(
        IServiceProvider services, RawDb raw, BenchSmtpServer smtp, SeededMail seeded, int count, BenchReport report, CancellationToken cancellationToken)
    {
        var queued = await QueueAsync(services, seeded, count, cancellationToken);
        var toSend = await ReadQueuedAsync(services, queued, cancellationToken);

        await StoredRows.SnapshotKeysAsync(services, raw, cancellationToken);
        var receivedBefore = smtp.Received;
        var (elapsed, delivered) = await MailProgress.ShowAsync("outbound: Touchpoint", queued.Count, progress =>
            MeasureTouchpointAsync(services, progress, cancellationToken));
        var received = smtp.Received - receivedBefore;
        var rows = await StoredRows.TakeOutAsync(services, raw, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"outbound, the rows Touchpoint stored, which the baseline puts back: {rows.Count:N0} ({string.Join(", ", rows.Tables.OrderByDescending(t => t.Rows).Select(t => $"{t.Table} {t.Rows:N0}"))})"));

        var baseline = await MailProgress.ShowAsync("outbound: MimeKit + MailKit + the same rows, raw", queued.Count, progress =>
            MeasureBaselineAsync(services, smtp, toSend, rows, raw, progress, cancellationToken));

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var completed = await db.OutboundMessages.CountAsync(m => queued.Contains(m.Id) && m.State == MessageState.Completed, cancellationToken);
        var checkedOut = completed == queued.Count && received == queued.Count && delivered == queued.Count;
        Console.WriteLine(checkedOut
            ? string.Create(CultureInfo.InvariantCulture, $"outbound checked: {queued.Count:N0} queued, handed over and completed")
            : string.Create(CultureInfo.InvariantCulture,
                $"outbound check FAILED: {queued.Count:N0} queued, {delivered:N0} handed to the gateway, {received:N0} received by the server, {completed:N0} completed"));

        var touchpoint = delivered / elapsed.TotalSeconds;
        var ratio = touchpoint / baseline;
        report.Add("outbound mail (messages/s)", touchpoint, baseline, "≥ 500/s, ≥ 0.5× baseline", touchpoint >= 500 && ratio >= 0.5);
        report.Add("outbound delivered as queued", checkedOut ? 1 : 0, double.NaN, "all", checkedOut);
        report.Figures["outboundMessagesPerSecond"] = Format.Json(touchpoint, 0);
        report.Figures["rawOutboundMessagesPerSecond"] = Format.Json(baseline, 0);
        report.Figures["outboundRatio"] = Format.Json(ratio, 3);
        report.Figures["outboundSeconds"] = Format.Json(elapsed.TotalSeconds, 2);
        report.Figures["outboundChecked"] = checkedOut;
    }

    /// <summary>The agent's replies, round the seeded cases, each answering the customer's thread, due now.</summary>
    private static async Task<List<Guid>> QueueAsync(IServiceProvider services, SeededMail seeded, int count, CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queueing {count:N0} replies …"));
        var ids = new List<Guid>(count);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        for (var start = 0; start < count; start += 1000)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            for (var i = start; i < Math.Min(count, start + 1000); i++)
            {
                var @case = seeded.Cases[i % seeded.Cases.Count];
                var reply = MessageOutbox.Queue(db, new NewMessage(@case.Customer.Id, @case.Customer.Name, MessageTypes.Email, @case.Customer.Email,
                    "About your invoice", "We have credited the roaming week; you will see it on the next invoice.\n\nKind regards", MessagePurposes.Reply)
                {
                    CaseId = @case.Id, CaseReference = @case.Reference, InReplyTo = @case.ReplyMessageId, References = @case.ReplyMessageId, SenderName = "Mail Agent",
                }, now);
                ids.Add(reply.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return ids;
    }

    /// <summary>Touchpoint's delivery as the watcher runs it: batches of <see cref="DueWatcher.BatchSize"/>, a fresh context each, until nothing is due.</summary>
    private static async Task<(TimeSpan Elapsed, int Delivered)> MeasureTouchpointAsync(
        IServiceProvider services, Action<int> progress, CancellationToken cancellationToken)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        await using var scope = services.CreateAsyncScope();
        var delivery = scope.ServiceProvider.GetServices<IDueWork>().OfType<MessageDelivery>().Single();
        var delivered = 0;
        var watch = Stopwatch.StartNew();
        int done;
        do
        {
            await using var batchScope = services.CreateAsyncScope();
            var db = batchScope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            done = await delivery.RunAsync(db, clock.GetUtcNow().UtcDateTime, DueWatcher.BatchSize, cancellationToken);
            delivered += done;
            progress(delivered);
        }
        while (done >= DueWatcher.BatchSize);

        return (watch.Elapsed, delivered);
    }

    /// <summary>The queued rows as Touchpoint reads them to send, before it sends them.</summary>
    private static async Task<List<OutboundMessage>> ReadQueuedAsync(IServiceProvider services, List<Guid> queued, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        return await db.OutboundMessages.AsNoTracking().Where(m => queued.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The same messages composed as Touchpoint composes them, sent by MailKit over one connection, then the rows
    /// Touchpoint stored for them (the contacts, their timeline entries, the audit) put back with prepared inserts.
    /// </summary>
    private static async Task<double> MeasureBaselineAsync(
        IServiceProvider services, BenchSmtpServer smtp, List<OutboundMessage> rows, StoredRows stored, RawDb raw, Action<int> progress, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<MailSettings>();
        var voices = services.GetRequiredService<CustomerVoices>();
        var watch = Stopwatch.StartNew();
        using (var client = new SmtpClient())
        {
            await client.ConnectAsync("127.0.0.1", smtp.Port, SecureSocketOptions.None, cancellationToken);
            for (var i = 0; i < rows.Count; i++)
            {
                using var mail = OutgoingMail.Compose(rows[i], settings, voices);
                await client.SendAsync(mail, cancellationToken);
                if (i % 100 == 0)
                {
                    progress(i / 2);
                }
            }

            await client.DisconnectAsync(quit: true, cancellationToken);
        }

        var sending = watch.Elapsed;
        var putBack = await stored.PutBackAsync(raw, rows.Count, DueWatcher.BatchSize, (_, _) => Task.CompletedTask, last => progress((rows.Count + last) / 2), cancellationToken);
        return rows.Count / (sending + putBack).TotalSeconds;
    }
}
