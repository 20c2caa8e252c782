using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Promises;

namespace Touchpoint.Domain.Compensation;

/// <summary>The fixed amounts of a policy in one currency.</summary>
public sealed record CompensationRates(Money MissedAppointment, Money BrokenPromise, Money PortingDelayPerDay)
{
    public Currency Currency => MissedAppointment.Currency;
}

/// <param name="Explanation">One line the agent can read to the customer, e.g. "37 days without service × 10.00 SEK a day".</param>
/// <param name="RuleId">The RULES.md rule that calls for this compensation, when one does.</param>
public sealed record CompensationLine(string Explanation, Money Amount, string? RuleId);

public sealed record CompensationProposal(Money Total, IReadOnlyList<CompensationLine> Lines)
{
    // Records compare collections by reference; a proposal is a value, so compare the lines by content.
    public bool Equals(CompensationProposal? other) =>
        other is not null && Total == other.Total && Lines.SequenceEqual(other.Lines);

    public override int GetHashCode() => HashCode.Combine(Total, Lines.Count);
}

/// <summary>
/// Proposes compensation from what went wrong (S3-3), so an agent can offer a fair amount at once instead of
/// negotiating over 17 e-mails. The proposal depends only on the harms and the customer's currency: there is
/// deliberately no way to pass a segment or customer value, so a low-value customer can never be offered less.
/// </summary>
public sealed class CompensationPolicy
{
    /// <summary>Missed appointments and porting delays are owed compensation under the EECC.</summary>
    public const string PortingAndAppointmentsRule = "EU-106-5";

    private readonly FrozenDictionary<Currency, CompensationRates> ratesByCurrency;

    public CompensationPolicy(IEnumerable<CompensationRates> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);

        var byCurrency = new Dictionary<Currency, CompensationRates>();
        foreach (var rate in rates)
        {
            ArgumentNullException.ThrowIfNull(rate);
            Money[] amounts = [rate.MissedAppointment, rate.BrokenPromise, rate.PortingDelayPerDay];
            if (amounts.Any(a => a.Currency != rate.Currency || !a.IsPositive))
            {
                throw new ArgumentException($"The rates for {rate.Currency.ToWireName()} must all be above zero and in {rate.Currency.ToWireName()}.", nameof(rates));
            }

            if (!byCurrency.TryAdd(rate.Currency, rate))
            {
                throw new ArgumentException($"Rates for {rate.Currency.ToWireName()} are given more than once.", nameof(rates));
            }
        }

        ratesByCurrency = byCurrency.ToFrozenDictionary();
    }

    /// <summary>
    /// Swedish amounts from the issue (missed appointment 300, broken promise 100, porting delay 50 a day),
    /// scaled to round figures in the other currencies: NOK = SEK (near par), DKK ≈ SEK × 0.7, EUR ≈ SEK ÷ 10.
    /// The same scale is used for mandates (<see cref="CompensationMandates.Default"/>).
    /// </summary>
    public static CompensationPolicy Default { get; } = new(
    [
        Rates(Currency.SEK, 300m, 100m, 50m),
        Rates(Currency.NOK, 300m, 100m, 50m),
        Rates(Currency.DKK, 200m, 70m, 35m),
        Rates(Currency.EUR, 30m, 10m, 5m),
    ]);

    public CompensationRates RatesFor(Currency currency) =>
        ratesByCurrency.TryGetValue(currency, out var rates)
            ? rates
            : throw new ArgumentOutOfRangeException(nameof(currency), currency, $"No compensation rates are configured for {currency.ToWireName()}.");

    /// <summary>
    /// A subscription's price for one day: monthly price × 12 / 365, rounded up to a whole currency unit so
    /// the customer never gets less than the days cost them and the agent can say the figure aloud.
    /// </summary>
    public static Money DailyPrice(Money monthlyPrice)
    {
        ArgumentNullException.ThrowIfNull(monthlyPrice);

        // Multiply before dividing: 12/365 is not exact in decimal and would push whole results up by one.
        return new Money(decimal.Ceiling(monthlyPrice.Amount * 12m / 365m), monthlyPrice.Currency);
    }

    /// <summary>One line per harm, and their total, in the currency of <paramref name="customerJurisdiction"/>.</summary>
    public bool TryPropose(Jurisdiction customerJurisdiction, IReadOnlyCollection<Harm> harms, [NotNullWhen(true)] out CompensationProposal? proposal, out string error)
    {
        ArgumentNullException.ThrowIfNull(harms);
        proposal = null;

        var currency = customerJurisdiction.LocalCurrency();
        if (!ratesByCurrency.TryGetValue(currency, out var rates))
        {
            error = $"No compensation rates are configured for {currency.ToWireName()}.";
            return false;
        }

        if (harms.Count == 0)
        {
            error = "Name at least one thing that went wrong; the proposal is built from them.";
            return false;
        }

        var lines = new List<CompensationLine>();
        foreach (var harm in harms)
        {
            if (!TryPrice(harm, rates, customerJurisdiction, out var line, out error))
            {
                return false;
            }

            lines.Add(line);
        }

        error = string.Empty;
        proposal = new CompensationProposal(lines.Aggregate(Money.Zero(currency), (total, line) => total.Plus(line.Amount)), lines);
        return true;
    }

    private static bool TryPrice(Harm? harm, CompensationRates rates, Jurisdiction jurisdiction, [NotNullWhen(true)] out CompensationLine? line, out string error)
    {
        line = null;
        error = string.Empty;
        switch (harm)
        {
            case DaysWithoutService { Days: < 1 }:
                error = "Days without service must be at least 1.";
                return false;

            case DaysWithoutService { MonthlyPrice: var price } when price.Currency != rates.Currency:
                error = $"The monthly price is in {price.Currency.ToWireName()}; a {jurisdiction.ToWireName()} customer is compensated in {rates.Currency.ToWireName()}.";
                return false;

            case DaysWithoutService { MonthlyPrice.Amount: < 0m }:
                error = "The monthly price cannot be negative.";
                return false;

            case DaysWithoutService days:
                var daily = DailyPrice(days.MonthlyPrice);
                line = new CompensationLine(Invariant($"{days.Days} {Plural(days.Days, "day")} without service × {daily} a day"), daily.Times(days.Days), null);
                return true;

            case MissedTechnicianAppointment:
                line = new CompensationLine("Missed technician appointment", rates.MissedAppointment, PortingAndAppointmentsRule);
                return true;

            case BrokenPromise broken:
                line = new CompensationLine($"Broken promise ({broken.Kind.ToWireName()})", rates.BrokenPromise, null);
                return true;

            case PortingDelay { Days: < 1 }:
                error = "A porting delay must be at least 1 day.";
                return false;

            case PortingDelay delay:
                line = new CompensationLine(
                    Invariant($"{delay.Days} {Plural(delay.Days, "day")} porting delay × {rates.PortingDelayPerDay} a day"),
                    rates.PortingDelayPerDay.Times(delay.Days),
                    PortingAndAppointmentsRule);
                return true;

            case null:
                error = "A harm is missing from the list.";
                return false;

            default:
                throw new ArgumentOutOfRangeException(nameof(harm), harm, "Unknown kind of harm.");
        }
    }

    private static CompensationRates Rates(Currency currency, decimal missedAppointment, decimal brokenPromise, decimal portingDelayPerDay) =>
        new(new Money(missedAppointment, currency), new Money(brokenPromise, currency), new Money(portingDelayPerDay, currency));

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
