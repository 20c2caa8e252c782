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
/// folder and IMAP run it) against MimeKit parsing each message and prepared inserts of its rows in batches; then a check
/// that what Touchpoint stored is what the mix implies.
/// </summary>
internal static class InboundMeasurement
{
    private const string BaselineSource = "bench baseline";
    private const int BaselineBatch = 500;

    public static async Task RunAsync(
        IServiceProvider services, RawDb raw, IReadOnlyList<MixMessage> mix, MixExpectation expected, BenchReport report, CancellationToken cancellationToken)
    {
        var baseline = await MailProgress.ShowAsync("inbound: MimeKit + raw inserts", mix.Count, progress => MeasureBaselineAsync(raw, mix, progress, cancellationToken));
        await RemoveBaselineRowsAsync(raw, cancellationToken);

        var before = await StoredCounts.ReadAsync(services, cancellationToken);
        var run = await MailProgress.ShowAsync("inbound: Touchpoint", mix.Count, progress => MeasureTouchpointAsync(services, mix, progress, cancellationToken));
        var stored = (await StoredCounts.ReadAsync(services, cancellationToken)) - before;

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

    /// <summary>MimeKit parses each message; its inbound row, interaction and timeline entry (and attachments) go in with prepared inserts, 500 to a transaction.</summary>
    private static async Task<double> MeasureBaselineAsync(RawDb raw, IReadOnlyList<MixMessage> mix, Action<int> progress, CancellationToken cancellationToken)
    {
        await using var connection = await raw.OpenAsync(cancellationToken);
        await using var statements = await BaselineStatements.PrepareAsync(raw, connection, cancellationToken);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < mix.Count; start += BaselineBatch)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            statements.Enlist(transaction);
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            for (var i = start; i < Math.Min(mix.Count, start + BaselineBatch); i++)
            {
                using var stream = new MemoryStream(mix[i].Bytes, writable: false);
                using var mail = await MimeMessage.LoadAsync(stream, cancellationToken);
                await statements.InsertAsync(mail, mix[i], now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            progress(start);
        }

        return mix.Count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The baseline shares Touchpoint's tables (and so its indexes); its rows go before Touchpoint's run, which then starts from the seeded state.</summary>
    private static async Task RemoveBaselineRowsAsync(RawDb raw, CancellationToken cancellationToken)
    {
        await using var connection = await raw.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var interactionId = raw.IsSqlite ? "lower(\"InteractionId\")" : "\"InteractionId\"::text";
        foreach (var sql in new[]
                 {
                     $"""DELETE FROM "TimelineEntries" WHERE "SourceId" IN (SELECT {interactionId} FROM "InboundMessages" WHERE "Source" = @source)""",
                     """DELETE FROM "Interactions" WHERE "Id" IN (SELECT "InteractionId" FROM "InboundMessages" WHERE "Source" = @source)""",
                     """DELETE FROM "InboundAttachments" WHERE "InboundMessageId" IN (SELECT "Id" FROM "InboundMessages" WHERE "Source" = @source)""",
                     """DELETE FROM "InboundMessages" WHERE "Source" = @source""",
                 })
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.CommandTimeout = 0;
            raw.Add(command, "@source", RawType.Text).Value = BaselineSource;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The rows an inbound message leaves, as prepared statements bound by position.</summary>
    private sealed class BaselineStatements : IAsyncDisposable
    {
        private static readonly string Email = InteractionChannel.Email.ToWireName();
        private static readonly string Inbound = InteractionDirection.Inbound.ToWireName();

        private readonly RawDb raw;
        private readonly DbCommand message;
        private readonly DbCommand attachment;
        private readonly DbCommand interaction;
        private readonly DbCommand timeline;

        private BaselineStatements(RawDb raw, DbConnection connection)
        {
            this.raw = raw;
            message = Command(connection, """
                INSERT INTO "InboundMessages" ("Id", "MessageId", "Channel", "Kind", "ReceivedAt", "SentAt", "FromAddress", "FromName", "Subject", "Text",
                  "Html", "InReplyTo", "References", "CustomerId", "CaseId", "CaseReference", "InteractionId", "Routing", "Source")
                VALUES (@id, @messageId, 'email', @kind, @at, @sentAt, @from, @fromName, @subject, @text, @html, @inReplyTo, @references,
                  @customer, @case, @caseReference, @interaction, '', @source)
                ON CONFLICT ("MessageId") DO NOTHING
                """,
                ("@id", RawType.Id), ("@messageId", RawType.Text), ("@kind", RawType.Text), ("@at", RawType.Timestamp), ("@sentAt", RawType.Timestamp),
                ("@from", RawType.Text), ("@fromName", RawType.Text), ("@subject", RawType.Text), ("@text", RawType.Text), ("@html", RawType.Text),
                ("@inReplyTo", RawType.Text), ("@references", RawType.Text), ("@customer", RawType.Id), ("@case", RawType.Id),
                ("@caseReference", RawType.Text), ("@interaction", RawType.Id), ("@source", RawType.Text));
            attachment = Command(connection, """
                INSERT INTO "InboundAttachments" ("Id", "InboundMessageId", "FileName", "ContentType", "Size", "Content")
                VALUES (@id, @message, @fileName, @contentType, @size, @content)
                """,
                ("@id", RawType.Id), ("@message", RawType.Id), ("@fileName", RawType.Text), ("@contentType", RawType.Text), ("@size", RawType.Long),
                ("@content", RawType.Bytes));
            interaction = Command(connection, """
                INSERT INTO "Interactions" ("Id", "CustomerId", "OccurredAt", "Channel", "Direction", "AgentName", "Reason", "Summary", "CaseRef", "RecordedAt")
                VALUES (@id, @customer, @at, @channel, @direction, 'E-mail', @reason, @summary, @caseRef, @at)
                """,
                ("@id", RawType.Id), ("@customer", RawType.Id), ("@at", RawType.Timestamp), ("@channel", RawType.Text), ("@direction", RawType.Text),
                ("@reason", RawType.Text), ("@summary", RawType.Text), ("@caseRef", RawType.Text));
            timeline = Command(connection, """
                INSERT INTO "TimelineEntries" ("CustomerId", "At", "Kind", "Channel", "Direction", "Title", "Detail", "ActorName", "SourceId")
                VALUES (@customer, @at, @kind, @channel, @direction, @title, @detail, 'E-mail', @source)
                """,
                ("@customer", RawType.Id), ("@at", RawType.Timestamp), ("@kind", RawType.Text), ("@channel", RawType.Text), ("@direction", RawType.Text),
                ("@title", RawType.Text), ("@detail", RawType.Text), ("@source", RawType.Text));
        }

        public static async Task<BaselineStatements> PrepareAsync(RawDb raw, DbConnection connection, CancellationToken cancellationToken)
        {
            var statements = new BaselineStatements(raw, connection);
            foreach (var command in new[] { statements.message, statements.attachment, statements.interaction, statements.timeline })
            {
                await command.PrepareAsync(cancellationToken);
            }

            return statements;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in new[] { message, attachment, interaction, timeline })
            {
                await command.DisposeAsync();
            }
        }

        public void Enlist(DbTransaction transaction)
        {
            message.Transaction = attachment.Transaction = interaction.Transaction = timeline.Transaction = transaction;
        }

        public async Task InsertAsync(MimeMessage mail, MixMessage generated, DateTime now, CancellationToken cancellationToken)
        {
            var id = Guid.CreateVersion7();
            var interactionId = Guid.CreateVersion7();
            var from = mail.From.Mailboxes.First();
            var address = from.Address.ToLowerInvariant();
            var text = Clip(mail.TextBody ?? mail.HtmlBody ?? "", InboundMessage.MaxTextLength);
            var at = raw.Timestamp(now);
            var customer = raw.Id(generated.CustomerId);
            var caseReference = (object?)generated.Case?.Reference ?? DBNull.Value;
            Bind(message, raw.Id(id), mail.MessageId, "personal", at, raw.Timestamp(mail.Date.UtcDateTime), address, (object?)from.Name ?? DBNull.Value,
                mail.Subject ?? "", text, (object?)mail.HtmlBody ?? DBNull.Value, (object?)mail.InReplyTo ?? DBNull.Value, string.Join(' ', mail.References),
                customer, generated.Case is { } @case ? raw.Id(@case.Id) : DBNull.Value, caseReference, raw.Id(interactionId), BaselineSource);
            if (await message.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return; // A duplicate: stored once.
            }

            foreach (var part in mail.Attachments.OfType<MimePart>())
            {
                if (part.Content is null)
                {
                    continue;
                }

                using var content = new MemoryStream();
                await part.Content.DecodeToAsync(content, cancellationToken);
                Bind(attachment, raw.Id(Guid.CreateVersion7()), raw.Id(id), part.FileName ?? "attachment", part.ContentType.MimeType, content.Length, content.ToArray());
                await attachment.ExecuteNonQueryAsync(cancellationToken);
            }

            var reason = Clip($"E-mail from {address}: {mail.Subject}", 200);
            var summary = Clip(text, 4000);
            Bind(interaction, raw.Id(interactionId), customer, at, Email, Inbound, reason, summary, caseReference);
            await interaction.ExecuteNonQueryAsync(cancellationToken);
            Bind(timeline, customer, at, TimelineEntryKind.Interaction.ToWireName(), Email, Inbound, Clip($"Inbound email: {reason}", 300), summary,
                interactionId.ToString());
            await timeline.ExecuteNonQueryAsync(cancellationToken);
        }

        private DbCommand Command(DbConnection connection, string sql, params (string Name, RawType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                raw.Add(command, name, type);
            }

            return command;
        }

        private static void Bind(DbCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }
        }

        private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
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
