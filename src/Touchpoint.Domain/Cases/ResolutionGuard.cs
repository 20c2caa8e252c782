using System.Globalization;

namespace Touchpoint.Domain.Cases;

/// <summary>A question the customer asked, in their words; it blocks resolution until it has an answer (S1-4).</summary>
public sealed record CustomerQuestion(string Text, string? Answer)
{
    public bool IsAnswered => !string.IsNullOrWhiteSpace(Answer);
}

/// <summary>
/// What the customer actually needs, in their words, kept apart from any compensation (S3-4: cinema tickets
/// are not broadband at the summer house).
/// </summary>
/// <param name="ReasonNotResolved">Why the case may end without meeting the need, e.g. "No coverage at the address; the sale was cancelled".</param>
public sealed record CustomerNeed(string Statement, bool IsResolved, string? ReasonNotResolved = null)
{
    public bool HasReasonNotResolved => !string.IsNullOrWhiteSpace(ReasonNotResolved);
}

/// <summary>What stands between a case and resolved; <see cref="Error"/> is empty when nothing does.</summary>
public sealed record ResolutionCheck(IReadOnlyList<CustomerQuestion> UnansweredQuestions, bool NeedUnresolvedWithoutReason, string Error)
{
    public bool MayResolve => Error.Length == 0;
}

/// <summary>
/// A case cannot be resolved or closed while a customer question is unanswered (S1-4), or while the need is
/// unresolved and nobody has said why (S3-4). Cancelling and rejecting are not resolving: a withdrawn case
/// owes no answers, and a rejection has its own duty to name the dispute body (see <see cref="DisputeBodies"/>).
/// </summary>
public static class ResolutionGuard
{
    public static bool AppliesTo(CaseStatus target) => target is CaseStatus.Resolved or CaseStatus.Closed;

    public static ResolutionCheck Check(IReadOnlyList<CustomerQuestion> questions, CustomerNeed need)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(need);

        var unanswered = questions.Where(q => !q.IsAnswered).ToList();
        var needBlocks = !need.IsResolved && !need.HasReasonNotResolved;

        var blockers = new List<string>();
        if (unanswered.Count > 0)
        {
            var count = unanswered.Count.ToString(CultureInfo.InvariantCulture);
            var quoted = string.Join(", ", unanswered.Select(q => $"\"{q.Text.Trim()}\""));
            blockers.Add(unanswered.Count == 1
                ? $"1 question is unanswered: {quoted}"
                : $"{count} questions are unanswered: {quoted}");
        }

        if (needBlocks)
        {
            blockers.Add($"the need \"{need.Statement.Trim()}\" is not resolved and no reason is given why");
        }

        var error = blockers.Count == 0 ? string.Empty : $"This case cannot be resolved yet: {string.Join("; and ", blockers)}.";
        return new ResolutionCheck(unanswered, needBlocks, error);
    }
}
