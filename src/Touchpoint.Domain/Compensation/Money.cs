using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Touchpoint.Domain.Compensation;

/// <summary>
/// An amount in one currency. Decimal, never floating point: compensation is paid out and must add up
/// to the öre/cent. Amounts are in major units (kronor, euros) with at most two decimals, which is the
/// minor unit of every supported currency.
/// </summary>
public sealed record Money
{
    public Money(decimal amount, Currency currency)
    {
        if (!Enum.IsDefined(currency))
        {
            throw new ArgumentOutOfRangeException(nameof(currency), currency, "Not a supported currency.");
        }

        if (decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{amount} {currency.ToWireName()} has more than two decimals; the smallest unit is 0.01."),
                nameof(amount));
        }

        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public Currency Currency { get; }

    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>The amount as money, or false when it is not one: more than two decimals or an unknown currency.</summary>
    public static bool TryCreate(decimal amount, Currency currency, [NotNullWhen(true)] out Money? money)
    {
        money = Enum.IsDefined(currency) && decimal.Round(amount, 2) == amount ? new Money(amount, currency) : null;
        return money is not null;
    }

    public bool IsPositive => Amount > 0m;

    public Money Plus(Money other)
    {
        RequireSameCurrency(other);
        return new Money(Amount + other.Amount, Currency);
    }

    public Money Times(int factor) => new(Amount * factor, Currency);

    /// <summary>True when this amount is strictly larger; amounts in different currencies are never compared.</summary>
    public bool Exceeds(Money other)
    {
        RequireSameCurrency(other);
        return Amount > other.Amount;
    }

    /// <summary>Invariant, e.g. "1,000.00 SEK": the same text in logs, tests and error messages whatever the server's culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:N2} {Currency.ToWireName()}");

    private void RequireSameCurrency(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Currency != Currency)
        {
            // Exchange rates are not the domain's business; mixing currencies is a caller's bug.
            throw new InvalidOperationException($"Cannot combine {Currency.ToWireName()} with {other.Currency.ToWireName()}.");
        }
    }
}
