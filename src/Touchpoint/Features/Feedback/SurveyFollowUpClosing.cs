using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Feedback;

/// <summary>
/// Closing a survey's follow-up (S4-4): it needs what was learned (a root cause from the case taxonomy) and what was
/// done (the status reason), and the customer is then told what was done, in their language, never only "your views
/// are important".
/// </summary>
public static class SurveyFollowUpClosing
{
    /// <summary>Whether the case is a survey's follow-up whose customer has not yet been told what was done.</summary>
    public static Task<bool> OwesAnswerAsync(TouchpointDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Surveys.AnyAsync(s => s.FollowUpCaseId == caseId && s.ToldCustomerAt == null, cancellationToken);
    }

    /// <summary>Why a follow-up may not be resolved or closed yet: it needs its root cause and what was done (the status reason); null when it may.</summary>
    public static Failure? Refuse(Case @case, string? rootCause, string? whatWasDone)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (string.IsNullOrWhiteSpace(rootCause ?? @case.RootCause))
        {
            return new Failure.Invalid("rootCause", $"A survey's follow-up closes with what was learned: a root cause ({string.Join(", ", RootCauses.All.Keys)}).");
        }

        return string.IsNullOrWhiteSpace(whatWasDone)
            ? new Failure.Invalid("reason", "A survey's follow-up closes with what was done, in the reason: the customer is told it, in their language.")
            : null;
    }

    /// <summary>The customer hears what was done, once, in their language, where they are reached; in the caller's unit of work.</summary>
    public static async Task TellCustomerAsync(TouchpointDbContext db, CustomerVoices voices, Case @case, string whatWasDone, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(@case);
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.FollowUpCaseId == @case.Id && s.ToldCustomerAt == null, cancellationToken);
        if (survey is null)
        {
            return;
        }

        survey.ToldCustomerAt = now;
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == @case.CustomerId)
            .Select(c => new { c.Name, c.PreferredLanguage, c.Jurisdiction }).FirstAsync(cancellationToken);
        if (await MessageOutbox.ContactOnFileAsync(db, @case.CustomerId, cancellationToken) is not var (type, address))
        {
            return;
        }

        var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
        var answered = voice.Day(survey.AnsweredAt ?? now);
        var body = voice.Text("Survey.WhatWeDid.Body", answered, whatWasDone);
        var content = type == MessageTypes.Sms
            ? body
            : string.Join("\n\n", voice.Text("Greeting", customer.Name), body, voice["Survey.WhatWeDid.Thanks"]);
        MessageOutbox.Queue(db, new NewMessage(@case.CustomerId, customer.Name, type, address, voice["Survey.WhatWeDid.Subject"], content, MessagePurposes.WhatWeDid)
        {
            CaseId = @case.Id,
            CaseReference = @case.Reference,
            Language = voice.Language,
        }, now);
    }
}
