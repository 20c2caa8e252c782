using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Contracts;

/// <summary>Issues the EU-102 contract summary of a new or changed contract and puts it on the customer's timeline.</summary>
public sealed class ContractSummaries(ContractRuleBook rules, TimeProvider clock, CurrentActor currentActor)
{
    /// <summary>The path of the public page where a customer cancels without signing in (TP-2, DE-312k).</summary>
    public const string CancelPagePath = "/leave";

    public const string HowToCancel =
        "You can cancel at any time without giving a reason, in whichever way suits you: on the web without signing in at "
        + CancelPagePath + " (two steps), in any of our stores, by phone, chat, e-mail or letter. You get a confirmation with the date your contract ends.";

    /// <summary>
    /// Adds the summary of <paramref name="s"/> as it stands now, and its timeline entry, to <paramref name="db"/>. Nothing is
    /// saved here: the caller's SaveChangesAsync writes the summary in the same transaction as the change it describes.
    /// </summary>
    /// <param name="reason">Why it is issued, e.g. "new contract" or "price change".</param>
    public async Task<ContractSummary> IssueAsync(TouchpointDbContext db, Subscription s, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(s);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var plan = s.Plan ?? await db.Plans.AsNoTracking().FirstAsync(p => p.Id == s.PlanId, ct);
        var jurisdictionName = await db.Customers.AsNoTracking().Where(c => c.Id == s.CustomerId).Select(c => c.Jurisdiction).FirstAsync(ct);
        return Issue(db, s, plan, SubscriptionContracts.JurisdictionOf(jurisdictionName), reason);
    }

    /// <summary>
    /// As <see cref="IssueAsync"/>, for a caller that already holds the plan and the customer's jurisdiction — e.g. one
    /// price change issuing the summaries of many subscriptions without two look-ups each.
    /// </summary>
    public ContractSummary Issue(TouchpointDbContext db, Subscription s, Plan plan, Jurisdiction jurisdiction, string reason)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var facts = s.ToContractFacts(jurisdiction);

        // A contract starting later is summarised as of its start: notice given then, withdrawal counted from it.
        var asOf = s.StartDate > today ? s.StartDate : today;
        var months = s.BindingMonths();
        var binding = rules.CheckBinding(jurisdiction, months, s.ClearEconomicBenefit, s.SoldToConsumer);
        var leaving = rules.Leaving(facts, asOf);
        var withdrawal = rules.Withdrawal(facts, asOf);
        var actor = currentActor.Get().DisplayName;

        var summary = new ContractSummary
        {
            SubscriptionId = s.Id,
            CustomerId = s.CustomerId,
            IssuedAt = now,
            Reason = reason.Trim(),
            IssuedBy = actor,
            RulesVersion = rules.Version,
            Jurisdiction = jurisdiction.ToWireName(),
            PlanName = plan.Name,
            MonthlyPrice = s.MonthlyPrice,
            Currency = plan.Currency,
            StartDate = s.StartDate,
            BindingMonths = months,
            BindingEnd = s.BindingEndDate,
            BindingText = s.BindingEndDate is not { } end
                ? "No binding: you can leave at any time with the notice below."
                : s.SoldToConsumer
                    ? Text($"Bound for {months} months, until {Iso(end)}; in {jurisdiction.ToWireName()} a binding may be at most {binding.MaxMonths} months.")
                    : Text($"Bound for {months} months, until {Iso(end)}, as agreed by a business (the consumer limits do not apply)."),
            NoticeMonths = leaving.NoticeMonths ?? 0,
            Notice = leaving.Notice.Iso8601,
            NoticeText = Text($"{Capitalized(leaving.Notice.AsNotice())} at most, and never past the end of a binding. For example: {leaving.Explanation}"),
            WithdrawalOpenUntil = withdrawal.OpenUntil,
            WithdrawalText = withdrawal.Explanation,
            HowToCancel = HowToCancel,
            RuleIds = string.Join(",", binding.RuleIds.Concat(leaving.RuleIds).Concat(withdrawal.RuleIds).Append("EU-102").Distinct(StringComparer.Ordinal)),
        };
        db.ContractSummaries.Add(summary);
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = s.CustomerId,
            At = now,
            Kind = TimelineEntryKind.SubscriptionChange,
            Title = $"Contract summary issued: {plan.Name}",
            Detail = Text($"{summary.Reason}. {summary.MonthlyPrice.ToString("0.00", CultureInfo.InvariantCulture)} {summary.Currency} a month. {summary.BindingText} {summary.WithdrawalText} Printable at {PagePath(s.Id)}."),
            ActorName = actor,
            SourceId = summary.Id.ToString(),
        }.Says(StoredText.Of("Timeline.ContractSummaryIssued", StoredText.Value(plan.Name))));
        return summary;
    }

    /// <summary>The print-ready page of a subscription's latest summary.</summary>
    public static string PagePath(Guid subscriptionId) => $"/subscriptions/{subscriptionId}/summary";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Capitalized(string text) => text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
}
