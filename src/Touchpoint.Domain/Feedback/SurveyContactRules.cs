namespace Touchpoint.Domain.Feedback;

/// <summary>What is known of the customer when a survey is due to go out.</summary>
/// <param name="ObjectsToMarketing">GDPR Art. 21: the customer objected to marketing, market research included.</param>
/// <param name="LastSurveySentAt">The last survey sent to them in any channel, if any.</param>
/// <param name="HasOpenComplaint">A complaint of theirs is still open.</param>
/// <param name="HandledByAgency">The contact asked about was handled by a partner agency.</param>
/// <param name="AgencyName">That agency's name; a survey about its contact must name it.</param>
/// <param name="HasContactOnFile">An e-mail address or mobile number to send it to.</param>
public sealed record SurveyContactFacts(
    bool ObjectsToMarketing, DateTime? LastSurveySentAt, bool HasOpenComplaint, bool HandledByAgency, string? AgencyName, bool HasContactOnFile);

/// <summary>Send now, ask later (after the complaint), or never.</summary>
public enum SurveyDispatch
{
    Send,
    Defer,
    Suppress,
}

/// <param name="Reason">Why not sent now, as a wire code (<see cref="SurveyContactRules"/>); empty when sent.</param>
public sealed record SurveyDecision(SurveyDispatch Dispatch, string Reason)
{
    public static SurveyDecision Send { get; } = new(SurveyDispatch.Send, "");
}

/// <summary>
/// Whether a survey may go out now. A survey is never sent to a customer who objected to marketing and research, nor
/// about an agency's contact without naming the agency; at most one goes to a customer per fatigue window, across
/// all channels; while a complaint is open it waits, because asking "how did we do?" then reads as mockery.
/// </summary>
public static class SurveyContactRules
{
    public const string Objection = "objection";
    public const string NoContact = "noContact";
    public const string AgencyUnnamed = "agencyUnnamed";
    public const string OpenComplaint = "openComplaint";
    public const string Fatigue = "fatigue";
    public const string Stale = "stale";

    /// <summary>The reasons a survey was not sent, as the API writes them.</summary>
    public static IReadOnlyList<string> Reasons { get; } = [Objection, NoContact, AgencyUnnamed, OpenComplaint, Fatigue, Stale];

    /// <param name="scheduledAt">When the survey was first due; one deferred longer than <paramref name="longestDeferral"/> is no longer about a fresh experience and is dropped.</param>
    public static SurveyDecision Decide(SurveyContactFacts facts, DateTime now, DateTime scheduledAt, TimeSpan fatigueWindow, TimeSpan longestDeferral)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.ObjectsToMarketing)
        {
            return new SurveyDecision(SurveyDispatch.Suppress, Objection);
        }

        if (!facts.HasContactOnFile)
        {
            return new SurveyDecision(SurveyDispatch.Suppress, NoContact);
        }

        if (facts.HandledByAgency && string.IsNullOrWhiteSpace(facts.AgencyName))
        {
            return new SurveyDecision(SurveyDispatch.Suppress, AgencyUnnamed);
        }

        if (facts.LastSurveySentAt is { } last && now - last < fatigueWindow)
        {
            return new SurveyDecision(SurveyDispatch.Suppress, Fatigue);
        }

        if (facts.HasOpenComplaint)
        {
            return now - scheduledAt >= longestDeferral
                ? new SurveyDecision(SurveyDispatch.Suppress, Stale)
                : new SurveyDecision(SurveyDispatch.Defer, OpenComplaint);
        }

        return SurveyDecision.Send;
    }
}
