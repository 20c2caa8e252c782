using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Feedback;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Messages;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;
using UserInbox = Touchpoint.Features.Inbox.Inbox;

namespace Touchpoint.Features.Feedback;

/// <summary>
/// Closes the loop on a low answer (S4-4, S1-6): a follow-up case owned by the team lead of the staff member involved
/// (else the first lead), with a callback promise due within one business day on the customer's calendar, and the
/// lead told. A customer who has left gets the call too, and the case says how they left. Closing it is
/// <see cref="SurveyFollowUpClosing"/>'s.
/// </summary>
public sealed class SurveyFollowUps(TouchpointDbContext db, CaseCommands cases, CaseSla sla, PromiseWatch watch)
{
    /// <summary>Who opens a follow-up on the timeline and in the audit: the customer's answer, through Touchpoint.</summary>
    public static Actor AnswerActor { get; } = new(null, "survey", null, "web") { DisplayName = "Survey answer" };

    /// <summary>Opens the follow-up in the caller's unit of work; answers when the callback is due.</summary>
    public async Task<Outcome<DateTime>> OpenAsync(Survey survey, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (await OwnerAsync(survey, cancellationToken) is not { } owner)
        {
            return new Failure.Conflict("Nobody can follow this answer up: there is no team lead or admin.");
        }

        var scores = $"{survey.Kind.ToWireName().ToUpperInvariant()} {string.Join(", ", survey.ScoreList.Select(s => s.ToString(CultureInfo.InvariantCulture)))}";
        var need = string.Join(" ", new[]
        {
            $"Low survey answer ({scores}) about {survey.AboutReference ?? survey.Trigger.ToWireName()}{With(survey)}.",
            await LeftAsync(survey, cancellationToken),
            survey.Comment is { } comment ? $"In their words: {comment}" : "No comment given.",
            "Call them, learn what went wrong, put it right, and tell them what was done.",
        }.Where(part => part.Length > 0));
        var opened = await cases.OpenForOwnerAsync(
            new CreateCaseInput(survey.CustomerId, CaseType.Complaint.ToWireName(), CasePriority.High.ToWireName(), InteractionChannel.Web.ToWireName(),
                need.Length <= CaseLimits.NeedLength ? need : need[..CaseLimits.NeedLength], null, null, null, null),
            AnswerActor, owner, cancellationToken);
        if (opened.Failure is { } failure)
        {
            return failure;
        }

        var @case = opened.Value!.Case;
        var due = sla.BusinessHoursFor(@case).Add(new DateTimeOffset(now, TimeSpan.Zero), DefaultSlaPolicies.BusinessDay).UtcDateTime;
        var promise = new Promise
        {
            Kind = PromiseKind.Callback,
            CustomerId = survey.CustomerId,
            OwnerUserId = owner.Id,
            MadeByUserId = owner.Id,
            MadeVia = InteractionChannel.Web,
            MadeAt = now,
            DueAt = due,
            CaseRef = @case.Reference,
        };
        if (!promise.TryValidateNew(now, out var error))
        {
            throw new InvalidOperationException($"The follow-up's callback promise is not valid: {error}");
        }

        var record = PromiseRecord.From(promise, $"Call back about the low survey answer ({scores}); case {@case.Reference}.", AnswerActor.DisplayName, watch, now);
        db.Promises.Add(record);
        new PromiseEvents(db).Made(record, owner.Name);
        survey.FollowUpCaseId = @case.Id;
        survey.FollowUpCaseReference = @case.Reference;
        survey.FollowUpPromiseId = record.Id;
        survey.FollowUpOwnerId = owner.Id;
        UserInbox.Notify(db, owner.Id, now, NotificationKinds.SurveyFollowUp,
            $"{@case.Reference}: low survey answer ({scores}); call back by {Domain.Platform.TimeStamps.Write(due)}", need, $"/cases/{@case.Id}", survey.CustomerId,
            titleText: StoredText.Of("Notification.SurveyFollowUp", StoredText.Value(@case.Reference), StoredText.Value(scores), StoredText.Value(Domain.Platform.TimeStamps.Write(due))));
        return due;
    }

    /// <summary>The team lead of the staff member the answer is about, else the first lead (or admin).</summary>
    private async Task<StaffMember?> OwnerAsync(Survey survey, CancellationToken cancellationToken)
    {
        var leadId = survey.StaffUserId is { } staff
            ? await Teams.TeamLeadOfAsync(db, staff, cancellationToken)
            : (await Teams.InRolesAsync(db, [Domain.Platform.Roles.TeamLead], cancellationToken)).FirstOrDefault()?.Id
              ?? (await Teams.InRolesAsync(db, [Domain.Platform.Roles.Admin], cancellationToken)).FirstOrDefault()?.Id;
        if (leadId is null)
        {
            return null;
        }

        var name = await db.Users.Where(u => u.Id == leadId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return new StaffMember(leadId, name ?? leadId);
    }

    private static string With(Survey survey) => (survey.PartnerAgencyName ?? survey.StaffName) is { } with ? $", with {with}" : "";

    /// <summary>For an answer about leaving: how and when they left, so whoever calls knows (S1-6).</summary>
    private async Task<string> LeftAsync(Survey survey, CancellationToken cancellationToken)
    {
        if (survey.Trigger != SurveyTrigger.Termination || survey.AboutId is not { } terminationId)
        {
            return "";
        }

        var left = await db.Terminations.AsNoTracking().Where(t => t.Id == terminationId)
            .Select(t => new { t.Reference, t.Kind, t.EffectiveDate, t.Channel, t.DeclinedRetentionOffer }).FirstOrDefaultAsync(cancellationToken);
        return left is null
            ? ""
            : $"They left: {left.Kind.ToWireName()} {left.Reference} by {left.Channel.ToWireName()}, effective {left.EffectiveDate:yyyy-MM-dd}"
              + (left.DeclinedRetentionOffer is { } offer ? $"; they declined: {offer}." : ".");
    }
}
