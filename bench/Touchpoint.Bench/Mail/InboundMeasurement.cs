using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Mail;
using Touchpoint.Hosting;

namespace Touchpoint.Bench.Mail;

/// <summary>
/// The mix through Touchpoint's inbound pipeline (a scope and <see cref="InboundMail"/> per batch of 200, as the drop
/// folder and IMAP run it), a check that what it stored is what the mix implies, then the baseline: MimeKit parsing each
/// message and prepared inserts of the very rows Touchpoint stored (<see cref="StoredRows"/>), 500 messages' worth to a
/// commit.
/// </summary>
internal static class InboundMeasurement
{
    private const int BaselineBatch = 500;

    public static async Task RunAsync(
        IServiceProvider services, RawDb raw, IReadOnlyList<MixMessage> mix, MixExpectation expected, BenchReport report, CancellationToken cancellationToken)
    {
        await StoredRows.SnapshotKeysAsync(services, raw, cancellationToken);
        var before = await StoredCounts.ReadAsync(services, cancellationToken);
        var run = await MailProgress.ShowAsync("inbound: Touchpoint", mix.Count, progress => MeasureTouchpointAsync(services, mix, progress, cancellationToken));
        var stored = (await StoredCounts.ReadAsync(services, cancellationToken)) - before;

        var rows = await StoredRows.TakeOutAsync(services, raw, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inbound, the rows Touchpoint stored, which the baseline puts back: {rows.Count:N0} ({string.Join(", ", rows.Tables.OrderByDescending(t => t.Rows).Select(t => $"{t.Table} {t.Rows:N0}"))})"));
        var baseline = mix.Count / (await MailProgress.ShowAsync("inbound: MimeKit + the same rows, raw", mix.Count, progress =>
            rows.PutBackAsync(raw, mix.Count, BaselineBatch, (first, last) => ParseAsync(mix, first, last, cancellationToken), progress, cancellationToken))).TotalSeconds;
        report.Figures["inboundRowsStored"] = rows.Count;

        var touchpoint = mix.Count / run.Elapsed.TotalSeconds;
        var ratio = touchpoint / baseline;
        report.Add("inbound mail (messages/s)", touchpoint, baseline, "≥ 500/s, ≥ 0.5× baseline", touchpoint >= 500 && ratio >= 0.5);
        report.Figures["inboundMessagesPerSecond"] = Format.Json(touchpoint, 0);
        report.Figures["rawInboundMessagesPerSecond"] = Format.Json(baseline, 0);
        report.Figures["inboundRatio"] = Format.Json(ratio, 3);
        report.Figures["inboundSeconds"] = Format.Json(run.Elapsed.TotalSeconds, 2);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inbound, Touchpoint: {run.Batches:N0} batches of up to {DueWatcher.BatchSize}, {run.Elapsed.TotalMilliseconds / run.Batches:0.0} ms per batch"));
        report.Figures["inboundBatchMs"] = Format.Json(run.Elapsed.TotalMilliseconds / run.Batches, 1);

        var problems = new List<string>();
        void Expect(string what, long actual, long wanted)
        {
            if (actual != wanted)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {actual:N0}, the mix implies {wanted:N0}"));
            }
        }

        Expect("messages stored", stored.InboundMessages, expected.Stored);
        Expect("answered \"duplicate\"", run.Duplicates, expected.Duplicates);
        Expect("refused", run.Refused, 0);
        Expect("not stored (failed)", run.Failed, 0);
        Expect("recorded as a contact on a case", stored.Contacts, expected.Contacts);
        Expect("cases opened", stored.Cases, expected.NewCases);
        Expect("contacts made from unknown senders", stored.Customers, expected.NewCustomers);
        Expect("replies failed by a bounce", stored.FailedReplies, expected.BouncedReplies);
        Expect("attachments kept", stored.Attachments, expected.Attachments);
        Expect("replies not on the case they answer", run.Misrouted, 0);
        Console.WriteLine(problems.Count == 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"inbound checked: {expected.Stored:N0} stored ({expected.Duplicates:N0} duplicates once), {expected.Contacts:N0} contacts on cases, {expected.NewCases:N0} cases and {expected.NewCustomers:N0} contacts opened, {expected.BouncedReplies:N0} replies failed by bounces")
            : "inbound check FAILED: " + string.Join("; ", problems));
        report.Add("inbound stored as the mix implies", problems.Count == 0 ? 1 : 0, double.NaN, "all", problems.Count == 0);
        report.Figures["inboundStored"] = stored.InboundMessages;
        report.Figures["inboundDuplicates"] = run.Duplicates;
        report.Figures["inboundContacts"] = stored.Contacts;
        report.Figures["inboundCasesOpened"] = stored.Cases;
        report.Figures["inboundContactsMade"] = stored.Customers;
        report.Figures["inboundBouncedReplies"] = stored.FailedReplies;
        report.Figures["inboundChecked"] = problems.Count == 0;
    }

    private sealed record TouchpointRun(TimeSpan Elapsed, int Batches, int Duplicates, int Refused, int Failed, int Misrouted);

    /// <summary>The baseline's part of reading mail: MimeKit parses each message.</summary>
    private static async Task ParseAsync(IReadOnlyList<MixMessage> mix, int first, int last, CancellationToken cancellationToken)
    {
        for (var i = first; i < last; i++)
        {
            using var stream = new MemoryStream(mix[i].Bytes, writable: false);
            using var mail = await MimeMessage.LoadAsync(stream, cancellationToken);
        }
    }

    private static async Task<TouchpointRun> MeasureTouchpointAsync(
        IServiceProvider services, IReadOnlyList<MixMessage> mix, Action<int> progress, CancellationToken cancellationToken)
    {
        var (batches, duplicates, refused, failed, misrouted) = (0, 0, 0, 0, 0);
        var watch = Stopwatch.StartNew();
        foreach (var chunk in mix.Index().Chunk(DueWatcher.BatchSize))
        {
            // As the drop folder does: each file parsed, then the batch received in a scope of its own.
            var batch = new List<ArrivedMail>(chunk.Length);
            foreach (var (i, message) in chunk)
            {
                await using var stream = new MemoryStream(message.Bytes, writable: false);
                batch.Add(new ArrivedMail(await MimeMessage.LoadAsync(stream, cancellationToken), $"bench: message {i}"));
            }

            await using var scope = services.CreateAsyncScope();
            var results = await scope.ServiceProvider.GetRequiredService<InboundMail>().ReceiveAsync(batch, cancellationToken);
            for (var j = 0; j < chunk.Length; j++)
            {
                var (message, result) = (chunk[j].Item, results[j]);
                switch (result.Outcome)
                {
                    case InboundOutcome.Duplicate:
                        duplicates++;
                        break;
                    case InboundOutcome.Refused:
                        refused++;
                        break;
                    case InboundOutcome.Failed:
                        failed++;
                        break;
                }

                if (message.Kind is MixKind.ThreadReply or MixKind.SubjectReply or MixKind.AutoReply && result.CaseId != message.Case!.Id)
                {
                    misrouted++;
                }

                batch[j].Message.Dispose();
            }

            batches++;
            progress(chunk[0].Index);
        }

        return new TouchpointRun(watch.Elapsed, batches, duplicates, refused, failed, misrouted);
    }
}

/// <summary>What the tables hold, before and after Touchpoint's run; the difference is what it stored.</summary>
internal sealed record StoredCounts(long InboundMessages, long Contacts, long Attachments, long Cases, long Customers, long FailedReplies)
{
    public static async Task<StoredCounts> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        return new StoredCounts(
            await db.InboundMessages.LongCountAsync(cancellationToken),
            await db.InboundMessages.LongCountAsync(m => m.InteractionId != null, cancellationToken),
            await db.InboundAttachments.LongCountAsync(cancellationToken),
            await db.Cases.LongCountAsync(cancellationToken),
            await db.Customers.LongCountAsync(cancellationToken),
            await db.OutboundMessages.LongCountAsync(m => m.State == MessageState.Failed, cancellationToken));
    }

    public static StoredCounts operator -(StoredCounts after, StoredCounts before) => new(
        after.InboundMessages - before.InboundMessages, after.Contacts - before.Contacts, after.Attachments - before.Attachments,
        after.Cases - before.Cases, after.Customers - before.Customers, after.FailedReplies - before.FailedReplies);
}
