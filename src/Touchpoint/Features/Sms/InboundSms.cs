using Microsoft.EntityFrameworkCore;
using PhoneNumbers;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Messages;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Privacy.Objection;
using Touchpoint.Hosting;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Sms;

/// <summary>An SMS a customer sent to our number, as the provider reported it.</summary>
/// <param name="Id">The provider's id of the message: a second delivery of it carries the same id.</param>
public sealed record ArrivedSms(string Id, string From, string? To, string Body, DateTimeOffset? SentAt);

/// <summary>
/// Receives one SMS: stores it once per provider id, finds the customer by number (unknown numbers become a new
/// contact), and keeps it on the customer's open case that had a message in the last
/// <see cref="SmsSettings.ThreadDays"/> days; an SMS has no headers to thread by, so recency is the thread. Without
/// such a case it opens one in the SMS queue. An SMS that is only a stop keyword (<see cref="StopKeywords"/>) from a
/// customer's number is an objection to marketing (GDPR-21): recorded, confirmed by SMS, and no case.
/// </summary>
public sealed class InboundSms(
    TouchpointDbContext db, TimeProvider clock, SmsSettings settings, CaseCommands cases, CustomerCommands customers, MailTeam team,
    MarketingObjections objections, CustomerVoices voices)
{
    /// <summary>Who the timeline and audit name for what arrived by SMS.</summary>
    public static Actor Arrival { get; } = new(null, "sms", null, "sms") { DisplayName = "SMS" };

    private const int SubjectLength = 80;

    public async Task<InboundResult> ReceiveAsync(ArrivedSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var messageId = sms.Id.Trim();
        if (messageId.Length > 250)
        {
            return new InboundResult(InboundOutcome.Refused, "the provider's id is longer than 250 characters");
        }

        if (await db.InboundMessages.AnyAsync(m => m.MessageId == messageId, cancellationToken))
        {
            return new InboundResult(InboundOutcome.Duplicate, $"SMS {messageId} was received before");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // What a customer wrote is kept, whatever it holds: a character no column can store is marked, not refused.
        var text = WrittenText.Scrub(Clip(sms.Body, InboundMessage.MaxTextLength));
        var number = Number(sms.From);
        var row = new InboundMessage
        {
            MessageId = messageId,
            Channel = MessageTypes.Sms,
            Kind = InboundKind.Personal,
            ReceivedAt = now,
            SentAt = sms.SentAt?.UtcDateTime,
            FromAddress = Clip(number ?? sms.From.Trim(), 254),
            // An SMS has no subject; its first words stand in for one in lists and notifications.
            Subject = Clip(string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)), SubjectLength),
            Text = text,
            Routing = "",
            Source = Clip($"sinch mo {messageId} to {sms.To}", 500),
        };
        return await InboundStore.StoreOnceAsync(db, row, async () => number is null
            ? $"'{sms.From}' is not a phone number: recorded only"
            : await RouteAsync(row, number, now, cancellationToken), $"SMS {messageId} was received before", cancellationToken);
    }

    private async Task<string> RouteAsync(InboundMessage row, string number, DateTime now, CancellationToken cancellationToken)
    {
        string msisdn = IdentityKind.Msisdn.ToWireName();
        var customerId = await db.CustomerIdentities.Where(i => i.Kind == msisdn && i.Value == number)
            .Select(i => (Guid?)i.CustomerId).FirstOrDefaultAsync(cancellationToken);
        if (StopKeywords.IsStop(row.Text))
        {
            return customerId is { } objecting
                ? await ObjectAsync(row, objecting, number, now, cancellationToken)
                // Nobody to stop marketing to; a stop is no reason to make a stranger a contact.
                : "a stop keyword from a number no customer has: recorded only";
        }

        string? how = null;
        if (customerId is null)
        {
            var created = await customers.CreateAsync(new CreateCustomerInput("person", number, JurisdictionOf(number), null, null,
                [new IdentityInput("msisdn", number)], null), cancellationToken);
            if (created.Value is not { } contact)
            {
                return $"unknown number, which could not be made a contact: {created.Failure}";
            }

            customerId = contact.Id;
            how = "an unknown number, now a new contact";
        }

        row.CustomerId = customerId;
        var @case = await RecentOpenCaseAsync(customerId.Value, now - TimeSpan.FromDays(settings.ThreadDays), cancellationToken);
        if (@case is not null)
        {
            how = Join(how, $"the customer's open case {@case.Reference} had a message in the last {settings.ThreadDays} days");
        }
        else
        {
            var opened = await cases.OpenArrivedAsync(new CreateCaseInput(customerId, "request", null, "sms",
                Clip(row.Text.Length == 0 ? "(an empty SMS)" : row.Text, CaseLimits.NeedLength), null, null, settings.Queue, null),
                Arrival, await team.AccountableUserIdAsync(cancellationToken), now, new ArrivedFrom(MessageTypes.Sms, number, null, null), cancellationToken);
            if (opened.Value is not { } created)
            {
                return Join(how, $"no case could be opened: {opened.Failure}")!;
            }

            @case = created;
            how = Join(how, $"no open case with a message in the last {settings.ThreadDays} days: opened {created.Reference} in the {settings.Queue} queue");
        }

        row.CaseId = @case.Id;
        row.CaseReference = @case.Reference;
        row.InteractionId = CaseConversation.RecordInbound(db, row, @case, now).Id;
        return how!;
    }

    /// <summary>The objection and its confirmation by SMS to the number it came from, in the SMS's own transaction; no case.</summary>
    private async Task<string> ObjectAsync(InboundMessage row, Guid customerId, string number, DateTime now, CancellationToken cancellationToken)
    {
        var outcome = await objections.AddAsync(customerId, Domain.Interactions.InteractionChannel.Sms, Arrival, cancellationToken);
        if (outcome.Value is not { } recorded)
        {
            return $"a stop keyword, but the objection could not be recorded: {outcome.Failure}";
        }

        row.CustomerId = recorded.CustomerId;
        var customer = await db.Customers.Where(c => c.Id == recorded.CustomerId).Select(c => new { c.Name, c.PreferredLanguage, c.Jurisdiction }).FirstAsync(cancellationToken);
        var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
        var text = recorded.AlreadyRecorded && recorded.RecordedAt is { } at
            ? voice.Text("Objection.AlreadyRecorded", voice.Day(at))
            : voice["Objection.Recorded"];
        MessageOutbox.Queue(db, new NewMessage(recorded.CustomerId, customer.Name, MessageTypes.Sms, number, voice["Objection.Subject"], text,
            MessagePurposes.ObjectionConfirmation) { Language = voice.Language }, now);
        return recorded.AlreadyRecorded
            ? "a stop keyword from a customer who had objected already: nothing changed, confirmed again by SMS; no case"
            : $"a stop keyword: marketing objection (GDPR Art. 21) recorded{(recorded.AgenciesLeft.Count > 0 ? $", off the lists of {string.Join(", ", recorded.AgenciesLeft)}" : "")}, confirmed by SMS; no case";
    }

    /// <summary>Of the customer's cases with a message in or out since <paramref name="since"/>, the open one written in last.</summary>
    private async Task<Case?> RecentOpenCaseAsync(Guid customerId, DateTime since, CancellationToken cancellationToken)
    {
        var recent = await db.InboundMessages.Where(m => m.CustomerId == customerId && m.CaseId != null && m.ReceivedAt >= since)
            .Select(m => new { CaseId = m.CaseId!.Value, At = m.ReceivedAt })
            .Concat(db.OutboundMessages.Where(m => m.CustomerId == customerId && m.CaseId != null && m.CreatedAt >= since)
                .Select(m => new { CaseId = m.CaseId!.Value, At = m.CreatedAt }))
            .ToListAsync(cancellationToken);
        var lastMessage = recent.GroupBy(m => m.CaseId).ToDictionary(g => g.Key, g => g.Max(m => m.At));
        var caseIds = lastMessage.Keys.ToList();
        var candidates = await db.Cases.Where(c => caseIds.Contains(c.Id) && c.CustomerId == customerId).ToListAsync(cancellationToken);
        return candidates.Where(c => !CaseLifecycle.IsFinal(c.Status))
            .OrderByDescending(c => lastMessage[c.Id]).ThenByDescending(c => c.OpenedAt).FirstOrDefault();
    }

    /// <summary>E.164 of the sender; providers write it with or without the plus. Null for a short code or a name.</summary>
    private static string? Number(string from)
    {
        var text = from.Trim();
        var international = text.StartsWith('+') ? text : "+" + text;
        return IdentityNormalizer.TryNormalize(IdentityKind.Msisdn, international, Jurisdiction.SE, out var number, out _) ? number : null;
    }

    /// <summary>A new contact's jurisdiction: the country of their number where Touchpoint serves it, else the default for new contacts.</summary>
    private string JurisdictionOf(string number)
    {
        var util = PhoneNumberUtil.GetInstance();
        var region = util.GetRegionCodeForNumber(util.Parse(number, null));
        return Enum.TryParse<Jurisdiction>(region, ignoreCase: false, out var jurisdiction) && Enum.IsDefined(jurisdiction) ? jurisdiction.ToString() : team.Jurisdiction;
    }

    private static string? Join(string? first, string? second) =>
        string.IsNullOrEmpty(first) ? second : string.IsNullOrEmpty(second) ? first : $"{first}; {second}";
}
