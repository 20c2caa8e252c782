using Touchpoint.Domain.Feedback;

namespace Touchpoint.Features.Feedback;

/// <summary>A survey as staff see it: what it asked about and whom, whether and how it went out, the answer and its follow-up.</summary>
/// <param name="Holdup">Why it waits or was never sent: objection, noContact, agencyUnnamed, openComplaint, fatigue or stale.</param>
public sealed record SurveyView(
    Guid Id, Guid CustomerId, string Kind, string Trigger, int Questions, Guid? AboutId, string? AboutReference, DateTime AboutAt, string? StaffUserId,
    string? StaffName, string? PartnerAgencyName, string? ContactChannel, string State, string? Holdup, DateTime ScheduledAt, DateTime? SentAt,
    string? SentVia, DateTime? ExpiresAt, DateTime? AnsweredAt, string? AnsweredVia, string? CallId, IReadOnlyList<int> Scores, string? Comment, bool Low,
    Guid? FollowUpCaseId, string? FollowUpCaseReference, Guid? FollowUpPromiseId, DateTime? ToldCustomerAt)
{
    public static SurveyView Of(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return new SurveyView(survey.Id, survey.CustomerId, survey.Kind.ToWireName(), survey.Trigger.ToWireName(), survey.Questions, survey.AboutId,
            survey.AboutReference, survey.AboutAt, survey.StaffUserId, survey.StaffName, survey.PartnerAgencyName, survey.ContactChannel,
            survey.State.ToWireName(), survey.Holdup, survey.ScheduledAt, survey.SentAt, survey.SentVia, survey.ExpiresAt, survey.AnsweredAt,
            survey.AnsweredVia, survey.CallId, survey.ScoreList, survey.Comment, survey.Low, survey.FollowUpCaseId, survey.FollowUpCaseReference,
            survey.FollowUpPromiseId, survey.ToldCustomerAt);
    }
}

/// <summary>What the public answer answers a program (the page answers a browser): the answer as recorded, and the callback a low one promised.</summary>
public sealed record SurveyAnswerView(Guid SurveyId, string Kind, IReadOnlyList<int> Scores, string? Comment, DateTime AnsweredAt, bool Low, DateTime? CallbackBy);
