using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Mail;

/// <param name="Channel">email (default) or sms.</param>
/// <param name="To">One of the customer's addresses or numbers on file; the first of the channel's when left out.</param>
/// <param name="Subject">E-mail only; "Re: …" of the customer's last mail when left out. The case reference is added.</param>
/// <param name="Answers">The case's open questions this reply answers: they are marked answered with its text.</param>
/// <param name="Final">The reply that closes the conversation: refused while any question is unanswered (S1-4).</param>
public sealed record CaseReplyInput(string? Channel, string? To, string? Subject, string? Text, IReadOnlyList<Guid>? Answers, bool Final = false)
{
    /// <summary>
    /// The language the text is written in (a template filled in another language than the customer's); the customer's
    /// when left out. The default subject and the e-mail's footer follow it.
    /// </summary>
    public string? Language { get; init; }
}

/// <summary>
/// An agent writes to the customer from the case: by e-mail in the case's thread (In-Reply-To and References of the
/// customer's last mail, the case reference in the subject) or by SMS, only to a contact point on file. The reply
/// goes out through the outbox; it counts as the case's response only once delivered (<see cref="DeliveredMessages"/>).
/// </summary>
public sealed class CaseReplies(TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, CustomerVoices voices)
{
    public const int MaxSmsLength = 1600;

    public async Task<Outcome<OutboundMessage>> SendAsync(Guid caseId, CaseReplyInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var validated = Validate(input);
        if (validated.Failure is { } invalid)
        {
            return invalid;
        }

        var (channel, text, subject) = validated.Value!;
        var @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
        {
            return new Failure.NotFound($"There is no case with id '{caseId}'.");
        }

        if (CaseLifecycle.IsFinal(@case.Status))
        {
            return new Failure.Conflict($"Case {@case.Reference} is {@case.Status.ToWireName()}; a new problem is a new case.");
        }

        var address = await AddressAsync(@case.CustomerId, channel, input.To, cancellationToken);
        if (address.Failure is { } noAddress)
        {
            return noAddress;
        }

        var open = await db.CaseQuestions.Where(q => q.CaseId == caseId && q.Answer == null).OrderBy(q => q.Position).ToListAsync(cancellationToken);
        var answers = input.Answers ?? [];
        for (var i = 0; i < answers.Count; i++)
        {
            if (open.All(q => q.Id != answers[i]))
            {
                return new Failure.Invalid($"answers[{i}]", $"'{answers[i]}' is not an open question of case {@case.Reference}.");
            }
        }

        if (input.Final && open.Where(q => !answers.Contains(q.Id)).Select(q => $"\"{q.Text}\"").ToList() is { Count: > 0 } unanswered)
        {
            return new Failure.Conflict(
                $"A final reply cannot leave the customer's questions unanswered (S1-4): {string.Join(", ", unanswered)}. Answer them in this reply or a reply before it.");
        }

        var customer = await db.Customers.Where(c => c.Id == @case.CustomerId).Select(c => new { c.Name, c.PreferredLanguage, c.Jurisdiction }).SingleAsync(cancellationToken);
        var voice = Voice(input, customer.PreferredLanguage, customer.Jurisdiction);
        var last = channel == MessageTypes.Email
            ? await db.InboundMessages.AsNoTracking().Where(m => m.CaseId == caseId && m.Channel == MessageTypes.Email)
                .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        var actor = currentActor.Get();
        var now = clock.GetUtcNow().UtcDateTime;
        var message = MessageOutbox.Queue(db, new NewMessage(@case.CustomerId, customer.Name, channel, address.Value!,
            subject ?? (last is null ? voice.Text("Reply.Subject", @case.Reference) : Reply(last.Subject)), text, MessagePurposes.Reply)
        {
            Language = voice.Language,
            CaseId = @case.Id,
            CaseReference = @case.Reference,
            InReplyTo = last?.MessageId,
            References = last is null ? null : OutgoingMail.Thread(last),
            SenderName = actor.DisplayName,
        }, now);

        foreach (var question in open.Where(q => answers.Contains(q.Id)))
        {
            question.Answer = text.Length <= CaseLimits.AnswerLength ? text : string.Concat(text.AsSpan(0, CaseLimits.AnswerLength - 1), "…");
            question.AnsweredAt = now;
            question.AnsweredById = actor.UserId;
            question.AnsweredByName = actor.DisplayName;
        }

        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    /// <summary>A message to the customer about no case in particular (TMF681's communicationMessage); answers no question.</summary>
    public async Task<Outcome<OutboundMessage>> SendToCustomerAsync(Guid customerId, CaseReplyInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var validated = Validate(input);
        if (validated.Failure is { } invalid)
        {
            return invalid;
        }

        if (input.Answers is { Count: > 0 } || input.Final)
        {
            return new Failure.Invalid("answers", "Questions belong to a case: answer them with a reply on the case.");
        }

        var (channel, text, subject) = validated.Value!;
        var customer = await db.Customers.Where(c => c.Id == customerId).Select(c => new { c.Name, c.PreferredLanguage, c.Jurisdiction }).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return new Failure.Invalid("customerId", $"There is no customer with id '{customerId}'.");
        }

        var address = await AddressAsync(customerId, channel, input.To, cancellationToken);
        if (address.Failure is { } noAddress)
        {
            return noAddress;
        }

        var voice = Voice(input, customer.PreferredLanguage, customer.Jurisdiction);
        var message = MessageOutbox.Queue(db, new NewMessage(customerId, customer.Name, channel, address.Value!,
            subject ?? voice["Reply.Message"], text, MessagePurposes.Reply) { SenderName = currentActor.Get().DisplayName, Language = voice.Language },
            clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    private static Outcome<(string Channel, string Text, string? Subject)> Validate(CaseReplyInput input)
    {
        var channel = string.IsNullOrWhiteSpace(input.Channel) ? MessageTypes.Email : input.Channel.Trim();
        if (channel is not (MessageTypes.Email or MessageTypes.Sms))
        {
            return new Failure.Invalid("channel", $"channel is email or sms, not '{input.Channel}'.");
        }

        var text = input.Text?.Trim();
        var maxText = channel == MessageTypes.Sms ? MaxSmsLength : OutboundMessage.MaxContentLength;
        if (string.IsNullOrEmpty(text) || text.Length > maxText)
        {
            return new Failure.Invalid("text", $"text is required: what the customer reads (at most {maxText} characters).");
        }

        // A template's placeholder the case had no value for: the customer must never read "{compensation}".
        if (ReplyPlaceholders.FirstLeftIn(text) is { } unfilled)
        {
            return new Failure.Invalid("text", $"text still holds the placeholder {unfilled}: write what the customer should read in its place.");
        }

        var subject = input.Subject?.Trim();
        if (subject is not null && (subject.Length > OutboundMessage.MaxSubjectLength - 12 || subject.AsSpan().IndexOfAny('\r', '\n') >= 0))
        {
            return new Failure.Invalid("subject", $"subject is one line of at most {OutboundMessage.MaxSubjectLength - 12} characters.");
        }

        if (ReplyPlaceholders.FirstLeftIn(subject) is { } unfilledInSubject)
        {
            return new Failure.Invalid("subject", $"subject still holds the placeholder {unfilledInSubject}: write what the customer should read in its place.");
        }

        if (input.Language is { } language && !PreferredLanguages.IsSupported(language))
        {
            return new Failure.Invalid("language", $"language is one of {string.Join(", ", PreferredLanguages.All)}, not '{language}'.");
        }

        if (input.To is { } to && to.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return new Failure.Invalid("to", "to is one address or number, on one line.");
        }

        return (channel, text, string.IsNullOrEmpty(subject) ? null : subject);
    }

    private async Task<Outcome<string>> AddressAsync(Guid customerId, string channel, string? to, CancellationToken cancellationToken)
    {
        var kind = (channel == MessageTypes.Email ? IdentityKind.Email : IdentityKind.Msisdn).ToWireName();
        var onFile = await db.CustomerIdentities.Where(i => i.CustomerId == customerId && i.Kind == kind).OrderBy(i => i.Id).Select(i => i.Value).ToListAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(to))
        {
            return onFile.Count > 0 ? onFile[0] : new Failure.Invalid("to", $"The customer has no {(channel == MessageTypes.Email ? "e-mail address" : "mobile number")} on file.");
        }

        var wanted = to.Trim();
        return onFile.FirstOrDefault(v => string.Equals(v, wanted, StringComparison.OrdinalIgnoreCase)) is { } match
            ? match
            : new Failure.Invalid("to", $"'{wanted}' is not one of the customer's contact points on file; replies go only there.");
    }

    /// <summary>The customer's voice, in the language the agent wrote in when they said so.</summary>
    private CustomerVoice Voice(CaseReplyInput input, string? preferredLanguage, string? jurisdiction) =>
        input.Language is { } written ? voices.In(written, jurisdiction) : voices.For(preferredLanguage, jurisdiction);

    private static string Reply(string subject) =>
        subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? subject : $"Re: {subject}";
}
