using Touchpoint.Data;
using Touchpoint.Domain.Feedback;

namespace Touchpoint.Features.Feedback;

/// <summary>What happened that a survey asks about, and who it was with.</summary>
/// <param name="AboutId">The interaction, case, termination or promise.</param>
/// <param name="Reference">Its reference as the customer knows it (a case's), if any.</param>
/// <param name="StaffUserId">The member of own staff involved; their team lead follows up a low answer.</param>
/// <param name="PartnerAgencyName">The partner agency that handled the contact: the survey must name it.</param>
/// <param name="ContactChannel">The channel of the contact, for the lead's charts.</param>
public sealed record SurveyOccasion(
    SurveyTrigger Trigger, Guid CustomerId, Guid? AboutId, string? Reference, string? StaffUserId, string? StaffName, string? PartnerAgencyName,
    string? ContactChannel);

/// <summary>
/// Puts a survey in line when something happened that its trigger's plan asks about, in the caller's unit of work:
/// it is scheduled exactly when the event was saved. Nothing is read here; whether it may go out is decided at its
/// time by <see cref="SurveyDispatcher"/>, with what is true then.
/// </summary>
public sealed class SurveyScheduling(SurveySettings settings)
{
    /// <summary>The survey added, or null when the trigger's plan is switched off.</summary>
    public Survey? Schedule(TouchpointDbContext db, SurveyOccasion occasion, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(occasion);
        var plan = settings.Plans[occasion.Trigger];
        if (!plan.Enabled)
        {
            return null;
        }

        var survey = new Survey
        {
            CustomerId = occasion.CustomerId,
            Kind = plan.Kind,
            Trigger = occasion.Trigger,
            Questions = plan.Questions,
            AboutId = occasion.AboutId,
            AboutAt = now,
            AboutReference = occasion.Reference,
            StaffUserId = occasion.StaffUserId,
            StaffName = occasion.StaffName,
            PartnerAgencyName = occasion.PartnerAgencyName,
            ContactChannel = occasion.ContactChannel,
            State = SurveyState.Scheduled,
            ScheduledAt = now + plan.Delay,
            NextCheckAt = now + plan.Delay,
        };
        db.Surveys.Add(survey);
        return survey;
    }
}
