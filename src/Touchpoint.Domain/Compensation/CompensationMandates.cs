using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Instants;

namespace Touchpoint.Domain.Compensation;

/// <summary>The most a holder of <paramref name="Role"/> may grant on their own, in one currency.</summary>
public sealed record Mandate(string Role, Money Maximum);

public enum CompensationOutcome
{
    /// <summary>At least the policy's proposal and within the requester's mandate: granted at once and put on the timeline (S3-3).</summary>
    Granted,

    /// <summary>
    /// Above the mandate, or below the policy's proposal: someone else whose mandate covers the amount (and the
    /// proposal) must approve; the customer is promised an answer.
    /// </summary>
    NeedsApproval,

    /// <summary>No configured role may grant this much (or approve this far below the proposal); a mandate must be raised.</summary>
    BeyondEveryMandate,
}

/// <param name="RequesterMandate">The most the requester may grant alone; zero when none of their roles has a mandate.</param>
/// <param name="ApproverRole">The lowest role whose mandate covers the amount (and the proposal, when below it), when approval is needed.</param>
/// <param name="AnswerDueAt">When approval is needed: by when the customer is promised an answer.</param>
/// <param name="Explanation">A sentence for the agent.</param>
public sealed record CompensationDecision(
    CompensationOutcome Outcome,
    Money RequesterMandate,
    string? ApproverRole,
    DateTime? AnswerDueAt,
    string Explanation)
{
    /// <summary>
    /// The promise the customer gets while approval is pending: a written reply, because the decision states an
    /// amount and what it is for, and the customer should have that on a durable medium whichever way it goes.
    /// </summary>
    public PromiseKind? AnswerPromiseKind => Outcome == CompensationOutcome.NeedsApproval ? PromiseKind.WrittenReply : null;
}

/// <summary>
/// How much each role may grant on its own (S3-3: frontline staff grant within a mandate, instantly). A user's
/// mandate is the highest among their roles. Roles are plain strings so an operator can add one such as
/// <see cref="HeadOfCare"/> without a code change; a role with no entry has no mandate.
/// </summary>
public sealed class CompensationMandates
{
    /// <summary>Not a sign-in role (see <see cref="Roles"/>); a mandate key for whoever approves above a team lead.</summary>
    public const string HeadOfCare = "HeadOfCare";

    public static readonly TimeSpan DefaultAnswerWithin = TimeSpan.FromDays(1);

    private readonly IReadOnlyList<Mandate> mandates;

    /// <param name="answerWithin">How soon the customer is promised an answer when approval is needed.</param>
    public CompensationMandates(IEnumerable<Mandate> mandates, TimeSpan? answerWithin = null)
    {
        ArgumentNullException.ThrowIfNull(mandates);

        var list = mandates.ToList();
        foreach (var mandate in list)
        {
            ArgumentNullException.ThrowIfNull(mandate);
            if (string.IsNullOrWhiteSpace(mandate.Role))
            {
                throw new ArgumentException("A mandate needs a role.", nameof(mandates));
            }

            if (mandate.Maximum is null || !mandate.Maximum.IsPositive)
            {
                throw new ArgumentException($"The mandate of {mandate.Role} must be above zero; leave a role out to give it none.", nameof(mandates));
            }
        }

        var duplicate = list.GroupBy(m => (m.Role, m.Maximum.Currency)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"{duplicate.Key.Role} has more than one mandate in {duplicate.Key.Currency.ToWireName()}.", nameof(mandates));
        }

        var within = answerWithin ?? DefaultAnswerWithin;
        if (within <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(answerWithin), within, "The customer must be promised an answer some time after the request.");
        }

        this.mandates = list;
        AnswerWithin = within;
    }

    /// <summary>
    /// Agent 500, TeamLead 5,000, HeadOfCare 50,000 (SEK), scaled like <see cref="CompensationPolicy.Default"/>:
    /// NOK the same, DKK 350 / 3,500 / 35,000, EUR 50 / 500 / 5,000. Admin and PartnerAgent have none: running
    /// the system and selling for the operator are not reasons to hand out its money.
    /// </summary>
    public static CompensationMandates Default { get; } = new(
    [
        .. Scaled(Roles.Agent, 500m, 350m, 50m),
        .. Scaled(Roles.TeamLead, 5_000m, 3_500m, 500m),
        .. Scaled(HeadOfCare, 50_000m, 35_000m, 5_000m),
    ]);

    public TimeSpan AnswerWithin { get; }

    public IReadOnlyList<Mandate> All => mandates;

    /// <summary>The highest mandate among <paramref name="roles"/> in <paramref name="currency"/>; zero when none has one.</summary>
    public Money MandateOf(IEnumerable<string> roles, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(roles);

        var held = roles.ToHashSet(StringComparer.Ordinal);
        return mandates
            .Where(m => m.Maximum.Currency == currency && held.Contains(m.Role))
            .Select(m => m.Maximum)
            .Aggregate(Money.Zero(currency), (highest, next) => next.Exceeds(highest) ? next : highest);
    }

    /// <summary>The role with the smallest mandate that still covers <paramref name="amount"/>; null when none does.</summary>
    public string? LowestRoleCovering(Money amount)
    {
        ArgumentNullException.ThrowIfNull(amount);

        return mandates
            .Where(m => m.Maximum.Currency == amount.Currency && !amount.Exceeds(m.Maximum))
            .OrderBy(m => m.Maximum.Amount)
            .ThenBy(m => m.Role, StringComparer.Ordinal)
            .Select(m => m.Role)
            .FirstOrDefault();
    }

    /// <summary>
    /// Whether the requester may grant at once: only at least the policy's proposal (when there is one) and within their
    /// mandate. Less than the proposal always needs someone else, whose mandate covers the proposal, to approve it.
    /// The request must be valid (<see cref="CompensationRequest.TryValidate"/>).
    /// </summary>
    public CompensationDecision Decide(CompensationRequest request, IEnumerable<string> requesterRoles)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.TryValidate(out var invalid))
        {
            throw new ArgumentException(invalid, nameof(request));
        }

        var amount = request.Amount;
        var own = MandateOf(requesterRoles, amount.Currency);
        if (!request.IsBelowProposal && !amount.Exceeds(own))
        {
            return new CompensationDecision(CompensationOutcome.Granted, own, null, null, $"{amount} is within your mandate of {own}: granted now.");
        }

        var toCover = request.AmountToCover;
        if (LowestRoleCovering(toCover) is not { } approver)
        {
            return new CompensationDecision(
                CompensationOutcome.BeyondEveryMandate, own, null, null,
                request.IsBelowProposal
                    ? $"The policy proposes {toCover}, above every mandate in {toCover.Currency.ToWireName()}; less than that needs the approval of someone whose mandate covers it, so have an administrator raise a mandate."
                    : $"{amount} is above every mandate in {amount.Currency.ToWireName()}; lower the amount or have an administrator raise a mandate.");
        }

        var answerDue = request.RequestedAt + AnswerWithin;
        var why = request.IsBelowProposal
            ? $"{amount} is below the policy's proposal of {toCover}: a token cannot replace what is owed, so a {approver} must approve it with your reason."
            : $"{amount} is above your mandate of {own}: a {approver} must approve it.";
        return new CompensationDecision(
            CompensationOutcome.NeedsApproval, own, approver, answerDue, $"{why} The customer is promised an answer by {Iso(answerDue)}.");
    }

    /// <summary>
    /// Approves a request that needed approval. Refused when the approver is the requester (a mandate is a
    /// limit on one person, not something to lift by asking oneself) or when the approver's mandate is too small:
    /// it must cover the amount, and for an amount below the policy's proposal, the proposal.
    /// </summary>
    public bool TryApprove(CompensationRequest request, string approverUserId, IEnumerable<string> approverRoles, out string error)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (!request.TryValidate(out error))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(approverUserId))
        {
            error = "An approval needs the person approving.";
            return false;
        }

        // User ids are compared without regard to case so the same person cannot slip through with different casing.
        if (string.Equals(approverUserId.Trim(), request.RequestedByUserId.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            error = "You cannot approve your own compensation request; someone else whose mandate covers it must.";
            return false;
        }

        var toCover = request.AmountToCover;
        var mandate = MandateOf(approverRoles, toCover.Currency);
        if (toCover.Exceeds(mandate))
        {
            var needed = LowestRoleCovering(toCover);
            var what = request.IsBelowProposal ? $"the policy's proposal of {toCover}, which {request.Amount} falls short of" : $"{toCover}";
            error = needed is null
                ? $"Your mandate of {mandate} does not cover {what}, and no role's does."
                : $"Your mandate of {mandate} does not cover {what}; a {needed} must approve it.";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static Mandate[] Scaled(string role, decimal kronor, decimal danishKroner, decimal euros) =>
    [
        new(role, new Money(kronor, Currency.SEK)),
        new(role, new Money(kronor, Currency.NOK)),
        new(role, new Money(danishKroner, Currency.DKK)),
        new(role, new Money(euros, Currency.EUR)),
    ];
}
