using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Feedback;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Feedback;

/// <summary>
/// Sends each survey at its time, run by the <see cref="DueWatcher"/>, if the contact rules allow it then
/// (<see cref="SurveyContactRules"/>): by e-mail when one is on file, else by SMS, in the customer's language, with a
/// link that works once and until it expires. A survey held up by an open complaint is looked at again later; one the
/// rules refuse is kept as suppressed, with the reason, and never sent.
/// </summary>
public sealed class SurveyDispatcher(SurveySettings settings, CustomerVoices voices) : IDueWork
{
    public string Name => "surveys";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = db.Surveys.Where(s => s.NextCheckAt != null && s.NextCheckAt <= now).OrderBy(s => s.NextCheckAt);
        return await db.HandleDueAsync(due, limit, async surveys =>
        {
            // The longest-waiting first: a survey held up by a complaint goes before the one about that complaint's end.
            foreach (var survey in surveys.OrderBy(s => s.ScheduledAt))
            {
                await DispatchAsync(db, survey, now, cancellationToken);
            }
        }, cancellationToken);
    }

    private async Task DispatchAsync(TouchpointDbContext db, Survey survey, DateTime now, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == survey.CustomerId)
            .Select(c => new { c.Name, c.PreferredLanguage, c.Jurisdiction, c.MarketingObjection, c.ErasedAt }).FirstAsync(cancellationToken);
        var contact = customer.ErasedAt is null ? await MessageOutbox.ContactOnFileAsync(db, survey.CustomerId, cancellationToken) : null;
        // Sent in this batch count too: two surveys due at once for one customer are one too many.
        var lastSent = db.Surveys.Local.Where(s => s.CustomerId == survey.CustomerId && s.SentAt != null).Max(s => s.SentAt)
                       ?? await db.Surveys.Where(s => s.CustomerId == survey.CustomerId && s.SentAt != null).MaxAsync(s => s.SentAt, cancellationToken);
        var openComplaint = await db.Cases.AnyAsync(c => c.CustomerId == survey.CustomerId && c.Type == CaseType.Complaint
            && (c.Status == CaseStatus.Acknowledged || c.Status == CaseStatus.InProgress || c.Status == CaseStatus.Pending || c.Status == CaseStatus.Held),
            cancellationToken);
        var facts = new SurveyContactFacts(customer.MarketingObjection, lastSent, openComplaint, survey.PartnerAgencyName is not null,
            survey.PartnerAgencyName, contact is not null);
        var decision = SurveyContactRules.Decide(facts, now, survey.ScheduledAt, settings.FatigueWindow, settings.LongestDeferral);
        switch (decision.Dispatch)
        {
            case SurveyDispatch.Defer:
                survey.Holdup = decision.Reason;
                survey.NextCheckAt = now + settings.DeferralCheck;
                return;
            case SurveyDispatch.Suppress:
                survey.State = SurveyState.Suppressed;
                survey.Holdup = decision.Reason;
                survey.NextCheckAt = null;
                return;
        }

        var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        survey.TokenHash = SurveyTokens.Hash(token);
        survey.State = SurveyState.Sent;
        survey.Holdup = null;
        survey.NextCheckAt = null;
        survey.SentAt = now;
        survey.ExpiresAt = now + settings.LinkValidity;
        survey.Language = voice.Language;
        var (type, address) = contact!.Value;
        survey.SentVia = type;
        var link = settings.LinkFor(token).AbsoluteUri;
        var about = SurveyTexts.About(voice, survey);
        var until = voice.Day(survey.ExpiresAt.Value);
        var content = type == MessageTypes.Sms
            ? voice.Text("Survey.Invite.Sms", about, link, until)
            : string.Join("\n\n", voice.Text("Greeting", customer.Name), voice.Text("Survey.Invite.Email", about, link), voice.Text("Survey.Invite.Until", until),
                voice["Survey.Invite.Promise"]);
        MessageOutbox.Queue(db, new NewMessage(survey.CustomerId, customer.Name, type, address, voice["Survey.Invite.Subject"], content, MessagePurposes.SurveyInvitation,
            TimelineDetail: voice.Text("Survey.Invite.Timeline", about, until))
        {
            Language = voice.Language,
        }, now);
    }
}

/// <summary>A survey link's token is kept only as its SHA-256, so a copy of the table holds no working link.</summary>
public static class SurveyTokens
{
    /// <summary>Longer than any token Touchpoint makes; a longer one is refused before it is hashed.</summary>
    public const int MaxLength = 100;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
