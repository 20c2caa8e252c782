using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Messages;
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
}

public sealed record InboundResult(InboundOutcome Outcome, string Detail, Guid? InboundMessageId = null, Guid? CaseId = null);

/// <summary>
/// Receives one e-mail, from whichever source (IMAP, the drop folder): stores it once per Message-ID, finds the
/// customer by sender, threads it to the case it answers and records it as an inbound contact on that case. A machine's
/// mail is recorded but never opens a case or gets an answer; a bounce marks the address and fails our message.
/// </summary>
public sealed partial class InboundMail(
    TouchpointDbContext db, TimeProvider clock, MailSettings settings, CaseCommands cases, CustomerCommands customers, MailTeam team)
{
    /// <summary>Who the timeline and audit name for what arrived by mail.</summary>
    public static Actor Arrival { get; } = new(null, "e-mail", null, "email") { DisplayName = "E-mail" };

    public async Task<InboundResult> ReceiveAsync(Stream raw, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        MimeMessage mail;
        try
        {
            mail = await MimeMessage.LoadAsync(raw, cancellationToken);
        }
        catch (FormatException malformed)
        {
            return new InboundResult(InboundOutcome.Refused, $"not a readable e-mail: {malformed.Message}");
        }

        return await ReceiveAsync(mail, source, cancellationToken);
    }

    public async Task<InboundResult> ReceiveAsync(MimeMessage mail, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (mail.From.Mailboxes.FirstOrDefault() is not { } from || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            return new InboundResult(InboundOutcome.Refused, "no sender address in From");
        }

        var messageId = mail.MessageId is { Length: > 0 and <= 250 } id ? id : ContentId(mail);
        if (await db.InboundMessages.AnyAsync(m => m.MessageId == messageId, cancellationToken))
        {
            return new InboundResult(InboundOutcome.Duplicate, $"<{messageId}> was received before");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var headers = HeadersOf(mail);
        var row = new InboundMessage
        {
            MessageId = messageId,
            Channel = MessageTypes.Email,
            Kind = InboundClassifier.Classify(headers),
            ReceivedAt = now,
            SentAt = mail.Date == DateTimeOffset.MinValue ? null : mail.Date.UtcDateTime,
            FromAddress = from.Address.Trim().ToLowerInvariant(),
            FromName = Clip(from.Name, 200),
            Subject = Clip(mail.Subject, 998) ?? "",
            Text = Clip(mail.TextBody ?? HtmlAsText(mail.HtmlBody), InboundMessage.MaxTextLength) ?? "",
            Html = mail.HtmlBody,
            InReplyTo = Clip(mail.InReplyTo, 250),
            References = Clip(string.Join(' ', mail.References), 2000),
            Routing = "",
            Source = Clip(source, 500)!,
        };
        await KeepAttachmentsAsync(row, mail, cancellationToken);
        return await InboundStore.StoreOnceAsync(db, row, async () => row.Kind switch
        {
            InboundKind.Bounce => await BounceAsync(row, mail, headers, now, cancellationToken),
            InboundKind.DeliveryDelayed => "a delivery delay notice: recorded, nothing failed",
            _ => await RouteAsync(row, now, cancellationToken),
        }, $"<{messageId}> was received before", cancellationToken);
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
    private async Task<string> RouteAsync(InboundMessage row, DateTime now, CancellationToken cancellationToken)
    {
        string email = IdentityKind.Email.ToWireName();
        var customerId = await db.CustomerIdentities.Where(i => i.Kind == email && i.Value == row.FromAddress)
            .Select(i => (Guid?)i.CustomerId).FirstOrDefaultAsync(cancellationToken);
        string? how = null;
        if (customerId is null)
        {
            if (row.Kind != InboundKind.Personal)
            {
                return "a machine's mail from an unknown sender: recorded only";
            }

            var created = await customers.CreateAsync(new CreateCustomerInput("person", SenderName(row), team.Jurisdiction, null, null,
                [new IdentityInput("email", row.FromAddress)], null), cancellationToken);
            if (created.Value is not { } contact)
            {
                return $"unknown sender, who could not be made a contact: {created.Failure?.Message}";
            }

            customerId = contact.Id;
            how = "an unknown sender, now a new contact";
        }

        row.CustomerId = customerId;
        var threadIds = new[] { row.InReplyTo }.Concat((row.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .OfType<string>().Distinct().ToList();
        var threaded = threadIds.Count == 0 ? null : await CaseOfThreadAsync(threadIds, customerId.Value, cancellationToken);
        var referenced = threaded is null ? CaseReferences.InSubject(row.Subject) : [];
        var quoted = referenced.Count == 0 ? null
            : await db.Cases.Where(c => referenced.Contains(c.Reference) && c.CustomerId == customerId).OrderBy(c => c.OpenedAt).FirstOrDefaultAsync(cancellationToken);
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
                Arrival, await team.AccountableUserIdAsync(cancellationToken), cancellationToken);
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
        if (row.Kind == InboundKind.Automatic)
        {
            how = Join(how, "a machine's mail: never answered");
        }

        return how!;
    }

    /// <summary>The customer's latest case that one of <paramref name="messageIds"/> (ours or theirs) was on, in one round trip.</summary>
    private Task<Case?> CaseOfThreadAsync(List<string> messageIds, Guid customerId, CancellationToken cancellationToken) =>
        db.Cases
            .Where(c => c.CustomerId == customerId
                        && (db.OutboundMessages.Any(m => m.CaseId == c.Id && m.MessageId != null && messageIds.Contains(m.MessageId))
                            || db.InboundMessages.Any(m => m.CaseId == c.Id && messageIds.Contains(m.MessageId))))
            .OrderByDescending(c => c.OpenedAt)
            .FirstOrDefaultAsync(cancellationToken);

    private static string SenderName(InboundMessage row) =>
        string.IsNullOrWhiteSpace(row.FromName) ? row.FromAddress[..row.FromAddress.IndexOf('@', StringComparison.Ordinal)] : row.FromName;

    private static string? Join(string? first, string? second) =>
        string.IsNullOrEmpty(first) ? second : string.IsNullOrEmpty(second) ? first : $"{first}; {second}";

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private static string? HtmlAsText(string? html) =>
        html is null ? null : System.Net.WebUtility.HtmlDecode(HtmlTags().Replace(html, " ")).Trim();

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex HtmlTags();
}
