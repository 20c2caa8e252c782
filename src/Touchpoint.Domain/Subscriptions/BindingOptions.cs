using System.Globalization;

namespace Touchpoint.Domain.Subscriptions;

/// <summary>The binding periods (in months) a plan is sold with.</summary>
public static class BindingOptions
{
    /// <summary>EU-105-1: a consumer's initial commitment is at most 24 months.</summary>
    public const int MaxMonths = 24;

    public static bool TryValidate(IReadOnlyCollection<int>? months, out string error)
    {
        if (months is null || months.Count == 0)
        {
            error = "A plan needs at least the option of 0 months: it is always available without binding (S0-2).";
            return false;
        }

        foreach (var option in months)
        {
            if (option < 0)
            {
                error = Invariant($"A binding of {option} months is not possible; binding periods are 0 to {MaxMonths} months.");
                return false;
            }

            if (option > MaxMonths)
            {
                error = Invariant($"A binding of {option} months is longer than the {MaxMonths} months allowed (EU-105-1).");
                return false;
            }
        }

        var duplicate = months.GroupBy(m => m).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            error = Invariant($"The binding option of {duplicate.Key} months is listed more than once.");
            return false;
        }

        if (!months.Contains(0))
        {
            error = "The binding options must include 0 months: a plan is always available without binding (S0-2).";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
