using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Cases;

public sealed record AddQuestionInput(string? Text);

public sealed record AnswerQuestionInput(string? Answer);

public sealed record UpdateNeedInput(bool? Resolved, string? ReasonNotResolved);

public sealed partial class CaseCommands
{
    public async Task<Outcome<(Case Case, CaseQuestion Question)>> AddQuestionAsync(Guid id, AddQuestionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        if (QuestionText(input.Text) is not { } text)
        {
            return new Failure.Invalid("text", $"text is required: the customer's question in their words (at most {CaseLimits.QuestionLength} characters).");
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        if (FinalCase(@case) is { } final)
        {
            return final;
        }

        var position = await db.CaseQuestions.Where(q => q.CaseId == id).Select(q => (int?)q.Position).MaxAsync(cancellationToken) ?? -1;
        var question = new CaseQuestion { CaseId = id, Position = position + 1, Text = text, AskedAt = now };
        db.CaseQuestions.Add(question);
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, currentActor.Get().DisplayName, "the customer asked a question", text,
            whatText: StoredText.Of("Timeline.Case.QuestionAsked")));
        var saved = await SaveAsync(@case, cancellationToken);
        return saved.Failure is { } failure ? failure : (@case, question);
    }

    public async Task<Outcome<Case>> AnswerQuestionAsync(Guid id, Guid questionId, AnswerQuestionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        var answer = input.Answer?.Trim();
        if (string.IsNullOrEmpty(answer) || answer.Length > CaseLimits.AnswerLength)
        {
            return new Failure.Invalid("answer", $"answer is required: what the customer was told (at most {CaseLimits.AnswerLength} characters).");
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        if (FinalCase(@case) is { } final)
        {
            return final;
        }

        if (await ownerOnly.RefuseAsync(@case, cancellationToken) is { } notTheirs)
        {
            return notTheirs;
        }

        var question = await db.CaseQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.CaseId == id, cancellationToken);
        if (question is null)
        {
            return new Failure.NotFound($"Case {@case.Reference} has no question with id '{questionId}'.");
        }

        if (question.Answer is not null)
        {
            return new Failure.Conflict($"The question \"{question.Text}\" was already answered on {question.AnsweredAt:yyyy-MM-dd} by {question.AnsweredByName}.");
        }

        var actor = currentActor.Get();
        question.Answer = answer;
        question.AnsweredAt = now;
        question.AnsweredById = actor.UserId;
        question.AnsweredByName = actor.DisplayName;
        // An answer typed into Touchpoint records what the customer was told; it is not itself a response to them.
        // The call, mail or SMS that told them meets first response and next update (CaseContacts, DeliveredMessages).
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName, "a question was answered", $"Q: {question.Text}\nA: {answer}",
            whatText: StoredText.Of("Timeline.Case.QuestionAnswered"),
            detailText: StoredText.Of("Timeline.Case.QuestionAndAnswer", StoredText.Value(question.Text), StoredText.Value(answer))));
        return await SaveAsync(@case, cancellationToken);
    }

    /// <summary>Whether the customer's actual need is met, or why not (S3-4); the statement itself stays in their words.</summary>
    public async Task<Outcome<Case>> UpdateNeedAsync(Guid id, UpdateNeedInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        if (input.Resolved is not { } resolved)
        {
            return new Failure.Invalid("resolved", "resolved is required: true when the customer's need is met.");
        }

        var reason = input.ReasonNotResolved?.Trim();
        if (reason?.Length > CaseLimits.ReasonLength)
        {
            return new Failure.Invalid("reasonNotResolved", $"reasonNotResolved is at most {CaseLimits.ReasonLength} characters.");
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        if (FinalCase(@case) is { } final)
        {
            return final;
        }

        if (await ownerOnly.RefuseAsync(@case, cancellationToken) is { } notTheirs)
        {
            return notTheirs;
        }

        @case.NeedResolved = resolved;
        @case.NeedReasonNotResolved = resolved || string.IsNullOrEmpty(reason) ? null : reason;
        var what = resolved
            ? "the customer's need is met"
            : @case.NeedReasonNotResolved is null ? "the customer's need is not met" : "the customer's need cannot be met";
        var whatKey = resolved ? "Timeline.Case.NeedMet" : @case.NeedReasonNotResolved is null ? "Timeline.Case.NeedNotMet" : "Timeline.Case.NeedCannotBeMet";
        var detailText = @case.NeedReasonNotResolved is { } reasonGiven
            ? StoredText.Of("Timeline.Case.NeedAndWhyNot", StoredText.Value(@case.NeedStatement), StoredText.Value(reasonGiven))
            : StoredText.Of("Timeline.Case.Need", StoredText.Value(@case.NeedStatement));
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, currentActor.Get().DisplayName, what,
            Join($"Need: {@case.NeedStatement}", @case.NeedReasonNotResolved is { } why ? $"Why not: {why}" : ""), whatText: StoredText.Of(whatKey), detailText: detailText));
        return await SaveAsync(@case, cancellationToken);
    }

    private static string? QuestionText(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > CaseLimits.QuestionLength ? null : trimmed;
    }
}
