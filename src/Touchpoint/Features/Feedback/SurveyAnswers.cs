using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Feedback;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Feedback;

/// <param name="Scores">One answer per question, in order, on the survey's scale.</param>
/// <param name="Comment">What the customer wants to add, in their words; optional.</param>
public sealed record SurveyAnswerInput(IReadOnlyList<int?>? Scores, string? Comment);

/// <summary>An answer recorded; a low one with the callback it promised.</summary>
public sealed record SurveyAnswered(Survey Survey, DateTime? CallbackBy);

/// <summary>
/// Records a customer's answer to their survey, once: through its link's token (the public page, any channel), or an
/// IVR answer imported with its call id. The answer goes on the customer's timeline, linked to what it was about; a
/// low one is followed up at once (<see cref="SurveyFollowUps"/>). Bad answers are refused naming the field, and
/// nothing is counted twice: a second answer, a used or expired link, is a conflict that changes nothing.
/// </summary>
public sealed class SurveyAnswers(TouchpointDbContext db, TimeProvider clock, SurveySettings settings, SurveyFollowUps followUps)
{
    public const string NotValid = "This survey link is not valid.";

    /// <summary>The survey behind a token, or null for a token Touchpoint never made (or one too long to be one).</summary>
    public async Task<Survey?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > SurveyTokens.MaxLength)
        {
            return null;
        }

        var hash = SurveyTokens.Hash(token);
        return await db.Surveys.FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
    }

    public async Task<Outcome<SurveyAnswered>> AnswerAsync(string? token, SurveyAnswerInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await FindAsync(token, cancellationToken) is not { } survey)
        {
            return new Failure.NotFound(NotValid);
        }

        return await RecordAsync(survey, input, "web", null, cancellationToken);
    }

    /// <summary>An answer given in the IVR after a call: the survey sent about that call, or one the IVR asked on its own.</summary>
    internal async Task<Outcome<SurveyAnswered>> RecordAsync(Survey survey, SurveyAnswerInput input, string via, string? callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        if (survey.State == SurveyState.Answered)
        {
            return new Failure.Conflict($"This survey was answered at {survey.AnsweredAt:u}; an answer counts once.",
                new Dictionary<string, object?> { ["answeredAt"] = survey.AnsweredAt });
        }

        if (survey.State != SurveyState.Sent && via == "web")
        {
            return new Failure.NotFound(NotValid);
        }

        if (survey.ExpiresAt is { } expires && now > expires)
        {
            return new Failure.Conflict($"This survey closed at {expires:u}.", new Dictionary<string, object?> { ["expiredAt"] = expires });
        }

        var checkedAnswer = Check(survey, input);
        if (checkedAnswer.Failure is { } invalid)
        {
            return invalid;
        }

        var (scores, comment) = checkedAnswer.Value;
        survey.State = SurveyState.Answered;
        survey.AnsweredAt = now;
        survey.AnsweredVia = via;
        survey.CallId = callId;
        survey.Scores = string.Join(',', scores.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        survey.Comment = comment;
        survey.Low = settings.Low.AnyLow(survey.Kind, scores);
        survey.NextCheckAt = null;
        survey.Version++;
        db.TimelineEntries.Add(TimelineEntryFor(survey, now));
        DateTime? callbackBy = null;
        if (survey.Low)
        {
            var followed = await followUps.OpenAsync(survey, now, cancellationToken);
            if (followed.Failure is { } failure)
            {
                return failure;
            }

            callbackBy = followed.Value;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Failure.Conflict("This survey was answered meanwhile; an answer counts once.");
        }

        return new SurveyAnswered(survey, callbackBy);
    }

    private static Outcome<(List<int> Scores, string? Comment)> Check(Survey survey, SurveyAnswerInput input)
    {
        var scale = SurveyKinds.ScaleOf(survey.Kind);
        var given = input.Scores ?? [];
        if (given.Count != survey.Questions)
        {
            return new Failure.Invalid("scores", $"scores has one answer per question: {survey.Questions}, each from {scale.Lowest} to {scale.Highest}.");
        }

        var scores = new List<int>(given.Count);
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] is not { } score || !scale.Contains(score))
            {
                return new Failure.Invalid($"scores[{i}]", $"Each answer is a whole number from {scale.Lowest} to {scale.Highest} ({survey.Kind.ToWireName()}).");
            }

            scores.Add(score);
        }

        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        return comment is { Length: > Survey.MaxCommentLength }
            ? new Failure.Invalid("comment", $"comment is at most {Survey.MaxCommentLength} characters.")
            : (scores, comment);
    }

    /// <summary>The answer on the customer's timeline, with what it was about and who it was with.</summary>
    internal static TimelineEntry TimelineEntryFor(Survey survey, DateTime now)
    {
        var scores = $"{survey.Kind.ToWireName().ToUpperInvariant()} {string.Join(", ", survey.ScoreList.Select(s => s.ToString(CultureInfo.InvariantCulture)))}";
        var trigger = survey.Trigger.ToWireName();
        var occasion = TriggerWords[survey.Trigger];
        var (about, with, comment) = (survey.AboutReference ?? "—", survey.PartnerAgencyName ?? survey.StaffName ?? "—", survey.Comment ?? "—");
        return new TimelineEntry
        {
            CustomerId = survey.CustomerId,
            At = now,
            Kind = TimelineEntryKind.Survey,
            Channel = survey.AnsweredVia == "ivr" ? "ivr" : "web",
            Direction = "inbound",
            Title = survey.Low ? $"Low survey answer {occasion}: {scores}; followed up" : $"Survey answered {occasion}: {scores}",
            Detail = $"About: {about} · With: {with} · Comment: {comment}",
            ActorName = "Customer",
            SourceId = survey.Id.ToString(),
        }.Says(
            StoredText.Of(survey.Low ? "Timeline.Survey.AnsweredLow" : "Timeline.Survey.Answered", StoredText.CodeInSentence("SurveyTrigger", trigger), StoredText.Value(scores)),
            StoredText.Of("Timeline.Survey.Detail", StoredText.Value(about), StoredText.Value(with), StoredText.Value(comment)));
    }

    /// <summary>The trigger as the English timeline says it; the agent texts hold it in each staff language.</summary>
    private static readonly Dictionary<SurveyTrigger, string> TriggerWords = new()
    {
        [SurveyTrigger.Interaction] = "after a contact",
        [SurveyTrigger.CaseResolved] = "after a resolved case",
        [SurveyTrigger.Termination] = "after leaving",
        [SurveyTrigger.PromiseMadeGood] = "after a promise made good",
    };
}
