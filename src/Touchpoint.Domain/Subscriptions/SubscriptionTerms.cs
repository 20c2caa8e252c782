using System.Globalization;

namespace Touchpoint.Domain.Subscriptions;

/// <summary>
/// When a customer can leave a subscription, with the rules that decide it. Deliberately simple and
/// the same for every jurisdiction; a per-jurisdiction rules engine (RULES.md) will replace it.
/// </summary>
/// <param name="BindingEnd">First day the customer is no longer bound; null when sold without binding.</param>
/// <param name="IsBound">True while today is before <paramref name="BindingEnd"/>.</param>
/// <param name="NoticeMonths">Notice period after the binding (EU-105-2: at most one month).</param>
/// <param name="EarliestLeaveDate">The later of today plus the notice period and the binding end.</param>
/// <param name="RuleIds">Rule ids from RULES.md that decided the dates, in id order.</param>
/// <param name="Explanation">One sentence an agent can read to the customer.</param>
public sealed record SubscriptionTerms(
    DateOnly? BindingEnd,
    bool IsBound,
    int NoticeMonths,
    DateOnly EarliestLeaveDate,
    IReadOnlyList<string> RuleIds,
    string Explanation)
{
    public const int StandardNoticeMonths = 1;
    public const string BindingLimitRule = "EU-105-1";
    public const string NoticeRule = "EU-105-2";

    public static SubscriptionTerms Compute(DateOnly startDate, DateOnly? bindingEnd, DateOnly today)
    {
        if (bindingEnd < startDate)
        {
            throw new ArgumentOutOfRangeException(nameof(bindingEnd), bindingEnd, $"The binding cannot end ({Iso(bindingEnd.Value)}) before the subscription starts ({Iso(startDate)}).");
        }

        var isBound = today < bindingEnd;

        // DateOnly.AddMonths clamps to the month's last day (Jan 31 + 1 month = Feb 28), which is how a
        // one-month notice is counted when the next month has no matching day.
        var endOfNotice = today.AddMonths(StandardNoticeMonths);
        var earliestLeave = isBound && bindingEnd!.Value > endOfNotice ? bindingEnd.Value : endOfNotice;

        IReadOnlyList<string> rules = isBound ? [BindingLimitRule, NoticeRule] : [NoticeRule];

        return new SubscriptionTerms(bindingEnd, isBound, StandardNoticeMonths, earliestLeave, rules, Explain(bindingEnd, isBound, earliestLeave));
    }

    private static string Explain(DateOnly? bindingEnd, bool isBound, DateOnly earliestLeave)
    {
        var leave = Iso(earliestLeave);
        if (bindingEnd is not { } end)
        {
            return $"No binding; with one month's notice you can leave on {leave}.";
        }

        if (!isBound)
        {
            return $"The binding ended on {Iso(end)}; with one month's notice you can leave on {leave}.";
        }

        return end == earliestLeave
            ? $"Bound until {Iso(end)}; the earliest you can leave is {leave}."
            : $"Bound until {Iso(end)}; with one month's notice the earliest you can leave is {leave}.";
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Records compare collections by reference; terms are values, so compare the rule ids by content.
    public bool Equals(SubscriptionTerms? other) =>
        other is not null
        && BindingEnd == other.BindingEnd
        && IsBound == other.IsBound
        && NoticeMonths == other.NoticeMonths
        && EarliestLeaveDate == other.EarliestLeaveDate
        && RuleIds.SequenceEqual(other.RuleIds, StringComparer.Ordinal)
        && string.Equals(Explanation, other.Explanation, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(BindingEnd, IsBound, EarliestLeaveDate, Explanation);
}
