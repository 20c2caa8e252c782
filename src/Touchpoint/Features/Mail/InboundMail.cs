using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Messages;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Mail;

public enum InboundOutcome
{
    /// <summary>Stored, and threaded as its <see cref="InboundMessage.Routing"/> says.</summary>
    Stored,

    /// <summary>A message with this Message-ID is already stored: nothing changed.</summary>
    Duplicate,

    /// <summary>Not a message Touchpoint can read (malformed, no sender): nothing stored, the source keeps it aside.</summary>
    Refused,

    /// <summary>Storing it failed (the database, not the mail): nothing of it kept, the source hands it over again later.</summary>
    Failed,
}

/// <param name="Failure">Why a <see cref="InboundOutcome.Failed"/> message could not be stored.</param>
public sealed record InboundResult(InboundOutcome Outcome, string Detail, Guid? InboundMessageId = null, Guid? CaseId = null, Exception? Failure = null);

/// <summary>A message as its source (the drop folder, IMAP) hands it over, and where it came from; the source disposes it.</summary>
public sealed record ArrivedMail(MimeMessage Message, string Source);

/// <summary>
/// Receives e-mail, from whichever source (IMAP, the drop folder), in batches: stores each message once per
/// Message-ID, finds the customer by sender, threads it to the case it answers and records it as an inbound contact on
/// that case. A machine's mail is recorded but never opens a case or gets an answer; a bounce marks the address and
/// fails our message.
/// </summary>
/// <remarks>
/// A batch is one transaction (<see cref="InboundStore.StoreBatchAsync{T}"/>): its lookups are one query each for all
/// its messages (<see cref="InboundBatch"/>) and its rows one SaveChanges. Each message still means what it would alone,
/// in the order given.
/// </remarks>
public sealed partial class InboundMail(
    TouchpointDbContext db, TimeProvider clock, MailSettings settings, CaseCommands cases, CustomerCommands customers, MailTeam team)
{
    /// <summary>Who the timeline and audit name for what arrived by mail.</summary>
    public static Actor Arrival { get; } = new(null, "e-mail", null, "email") { DisplayName = "E-mail" };

    /// <summary>Receives <paramref name="batch"/>; the results are in its order. Only cancellation throws.</summary>
    public async Task<IReadOnlyList<InboundResult>> ReceiveAsync(IReadOnlyList<ArrivedMail> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new InboundResult[batch.Count];
        var arrived = new List<(int Index, Arrived Mail)>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                if (await ReadAsync(batch[i], cancellationToken) is { } mail)
                {
                    arrived.Add((i, mail));
                }
                else
                {
                    results[i] = new InboundResult(InboundOutcome.Refused, "no sender address in From");
                }
            }
#pragma warning disable CA1031 // A message whose parts cannot be decoded must not hold back the others; its source keeps it.
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                results[i] = new InboundResult(InboundOutcome.Failed, $"{batch[i].Source} could not be read: {failure.Message}", Failure: failure);
            }
        }

        // They share their ReceivedAt; ascending ids keep them on the case in the order they came.
        foreach (var (row, id) in arrived.Select(a => a.Mail.Row).Zip(AscendingIds(arrived.Count)))
        {
            row.Id = id;
        }

        var stored = await InboundStore.StoreBatchAsync(db, arrived.ConvertAll(a => a.Mail), a => a.Row, RouteEachAsync, cancellationToken);
        for (var i = 0; i < arrived.Count; i++)
        {
            results[arrived[i].Index] = stored[i];
        }

        return results;
    }

    private static List<Guid> AscendingIds(int count) => Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).Order().ToList();

    /// <summary>A message read into the row it will be, before anything is looked up.</summary>
    private sealed record Arrived(InboundMessage Row, MimeMessage Mail, InboundHeaders Headers);

    private async Task<Arrived?> ReadAsync(ArrivedMail arrived, CancellationToken cancellationToken)
    {
        var mail = arrived.Message;
        if (mail.From.Mailboxes.FirstOrDefault() is not { } from || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var headers = HeadersOf(mail);
        var row = new InboundMessage
        {
            MessageId = mail.MessageId is { Length: > 0 and <= 250 } id ? WrittenText.Scrub(id) : ContentId(mail),
            Channel = MessageTypes.Email,
            Kind = InboundClassifier.Classify(headers),
            SentAt = mail.Date == DateTimeOffset.MinValue ? null : mail.Date.UtcDateTime,
            FromAddress = WrittenText.Scrub(from.Address.Trim().ToLowerInvariant()),
            FromName = Clip(from.Name, 200),
            Subject = Clip(mail.Subject, 998) ?? "",
            Text = Clip(mail.TextBody ?? HtmlAsText(mail.HtmlBody), InboundMessage.MaxTextLength) ?? "",
            Html = mail.HtmlBody is { } html ? WrittenText.Scrub(html) : null,
            InReplyTo = Clip(mail.InReplyTo, 250),
            References = Clip(string.Join(' ', mail.References), 2000),
            Routing = "",
            Source = Clip(arrived.Source, 500)!,
        };
        await KeepAttachmentsAsync(row, mail, cancellationToken);
        return new Arrived(row, mail, headers);
    }

    /// <summary>Routes each message of the batch in its order and adds what it makes to the unit of work.</summary>
    private async Task<List<InboundResult>> RouteEachAsync(IReadOnlyList<Arrived> batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var bounces = batch.Where(a => a.Row.Kind == InboundKind.Bounce).ToDictionary(a => a.Row, a => ReportOf(a.Mail, a.Headers));
        var known = await InboundBatch.ReadAsync(db, [.. batch.Select(a => a.Row)], bounces.Values, cancellationToken);
        cases.Know(known.OpeningCustomers);
        // Routing adds rows and finds them again by key; what changed is detected once, when the batch is saved, not
        // each time a step reads the tracked rows (thousands of them by the end of a batch).
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var results = new List<InboundResult>(batch.Count);
            foreach (var (row, _, headers) in batch)
            {
                if (!known.TryClaim(row.MessageId))
                {
                    results.Add(InboundStore.Duplicate(row));
                    continue;
                }

                // A message stored alone after its batch failed starts over: nothing the batch routed was kept.
                (row.CustomerId, row.CaseId, row.CaseReference, row.InteractionId) = (null, null, null, null);
                row.ReceivedAt = now;
                row.Routing = row.Kind switch
                {
                    InboundKind.Bounce => Bounce(row, headers, bounces[row], known, now),
                    InboundKind.DeliveryDelayed => "a delivery delay notice: recorded, nothing failed",
                    _ => await RouteAsync(row, known, now, cancellationToken),
                };
                db.AddRow(row);
                results.Add(new InboundResult(InboundOutcome.Stored, row.Routing, row.Id, row.CaseId));
            }

            return results;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>A message without a Message-ID is named by its content, so a second delivery of it is still seen as one.</summary>
    private static string ContentId(MimeMessage mail)
    {
        using var buffer = new MemoryStream();
        mail.WriteTo(buffer);
        return $"{Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..40]}@no-message-id.touchpoint";
    }

    private static InboundHeaders HeadersOf(MimeMessage mail)
    {
        var report = mail.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        var statuses = report?.StatusGroups.Skip(1).Select(group => new DeliveryStatus(
            Recipient: AddressOf(group["Final-Recipient"] ?? group["Original-Recipient"] ?? ""),
            Action: group["Action"]?.Trim() ?? "",
            Status: group["Status"]?.Trim() ?? "")).ToList();
        var markers = mail.Headers.Contains("X-Autoreply") || mail.Headers.Contains("X-Autorespond") || mail.Headers.Contains("List-Id")
                      || (mail.Headers["X-Auto-Response-Suppress"] ?? "").Contains("All", StringComparison.OrdinalIgnoreCase);
        return new InboundHeaders(mail.Headers["Auto-Submitted"], mail.Headers["Precedence"], markers, statuses);
    }

    /// <summary><c>rfc822; bert@example.se</c> → bert@example.se.</summary>
    private static string AddressOf(string field) => field[(field.IndexOf(';', StringComparison.Ordinal) + 1)..].Trim().Trim('<', '>').ToLowerInvariant();

    /// <summary>
    /// Finds the customer by sender and the case the message answers: the Message-IDs it names (ours or the
    /// customer's earlier mail), else a case reference in its subject; either only when the case is this sender's
    /// customer's, so a reply quoting someone else's reference never lands on their case.
    /// </summary>
    private async Task<string> RouteAsync(InboundMessage row, InboundBatch known, DateTime now, CancellationToken cancellationToken)
    {
        var customerId = known.CustomerOf(row.FromAddress);
        string? how = null;
        if (customerId is null)
        {
            if (row.Kind != InboundKind.Personal)
            {
                return "a machine's mail from an unknown sender: recorded only";
            }

            var created = customers.AddUnknownSender(new CreateCustomerInput("person", SenderName(row), team.Jurisdiction, null, null,
                [new IdentityInput("email", row.FromAddress)], null));
            if (created.Value is not { } contact)
            {
                return $"unknown sender, who could not be made a contact: {created.Failure?.Message}";
            }

            customerId = contact.Id;
            known.AddContact(row.FromAddress, contact.Id);
            how = "an unknown sender, now a new contact";
        }

        row.CustomerId = customerId;
        var threadIds = InboundBatch.ThreadIds(row);
        var threaded = threadIds.Count == 0 ? null : known.CaseOfThread(threadIds, customerId.Value);
        var referenced = threaded is null ? CaseReferences.InSubject(row.Subject) : [];
        var quoted = referenced.Count == 0 ? null : known.CaseQuoted(referenced, customerId.Value);
        var @case = threaded ?? quoted;
        how = Join(how, threaded is not null ? $"a reply in the thread of {threaded.Reference}"
            : quoted is not null ? $"quotes {quoted.Reference} in its subject, from the case's customer"
            : referenced.Count > 0 ? $"quotes {string.Join(", ", referenced)}, which is not this sender's case"
            : null);
        if (@case is not null && CaseLifecycle.IsFinal(@case.Status))
        {
            how = Join(how, $"{@case.Reference} is closed");
            @case = null;
        }

        if (@case is null)
        {
            if (row.Kind != InboundKind.Personal)
            {
                return Join(how, "a machine's mail: recorded on the customer, no case opened, never answered")!;
            }

            var opened = await cases.OpenArrivedAsync(new CreateCaseInput(customerId, "request", null, "email",
                Clip(string.IsNullOrWhiteSpace(row.Subject) ? row.Text : $"{row.Subject}: {row.Text}", CaseLimits.NeedLength), null, null, team.Queue, null),
                Arrival, await team.AccountableUserIdAsync(cancellationToken), now, ArrivedFrom.Mail(row), cancellationToken);
            if (opened.Value is not { } created)
            {
                return Join(how, $"no case could be opened: {opened.Failure?.Message}")!;
            }

            @case = created;
            how = Join(how, $"opened {created.Reference} in the {team.Queue} queue");
        }

        row.CaseId = @case.Id;
        row.CaseReference = @case.Reference;
        row.InteractionId = CaseConversation.RecordInbound(db, row, @case, now).Id;
        known.Add(row, @case);
        if (row.Kind == InboundKind.Automatic)
        {
            how = Join(how, "a machine's mail: never answered");
        }

        return how!;
    }

    private static string SenderName(InboundMessage row) =>
        string.IsNullOrWhiteSpace(row.FromName) ? row.FromAddress[..row.FromAddress.IndexOf('@', StringComparison.Ordinal)] : row.FromName;

    private static string? Join(string? first, string? second) =>
        string.IsNullOrEmpty(first) ? second : string.IsNullOrEmpty(second) ? first : $"{first}; {second}";

    // What a sender wrote is kept, whatever it holds: a character no column can store is marked, not refused.
    private static string? Clip(string? text, int max) => text is null ? null : WrittenText.Scrub(text.Length <= max ? text : text[..max]);

    private static string? HtmlAsText(string? html) =>
        html is null ? null : System.Net.WebUtility.HtmlDecode(HtmlTags().Replace(html, " ")).Trim();

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex HtmlTags();
}
