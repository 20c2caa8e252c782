using System.Globalization;
using Microsoft.Extensions.Localization;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Languages;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Features.Languages;

/// <summary>
/// How Touchpoint speaks to one customer: their language's texts, and dates, times (on their jurisdiction's clock) and
/// amounts written as their culture writes them. Made by <see cref="CustomerVoices"/>.
/// </summary>
public sealed class CustomerVoice
{
    private readonly IStringLocalizer texts;

    internal CustomerVoice(IStringLocalizer texts, string language, Jurisdiction? jurisdiction)
    {
        this.texts = texts;
        Language = language;
        Jurisdiction = jurisdiction;
        Culture = CustomerLanguages.Culture(language, jurisdiction);
    }

    /// <summary>ISO 639-1, one of <see cref="PreferredLanguages.All"/>.</summary>
    public string Language { get; }

    /// <summary>Whose clock and law apply; null for a visitor not yet known.</summary>
    public Jurisdiction? Jurisdiction { get; }

    public CultureInfo Culture { get; }

    /// <summary>The text of <paramref name="key"/> in this language.</summary>
    public string this[string key] => Text(key);

    /// <summary>The text of <paramref name="key"/> with its placeholders filled, numbers written in this culture.</summary>
    public string Text(string key, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(key);
        // The localizer reads the ambient UI culture; it is this voice's only for the lookup, so a page or a watcher
        // writing to customers in several languages never leaks one customer's language into the next text.
        var uiCulture = CultureInfo.CurrentUICulture;
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentUICulture = Culture;
        CultureInfo.CurrentCulture = Culture;
        try
        {
            var text = arguments.Length == 0 ? texts[key] : texts[key, arguments];
            return text.ResourceNotFound ? throw new InvalidOperationException($"There is no customer text '{key}'.") : text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>A day as this language writes it: "7. december 2026".</summary>
    public string Date(DateOnly date) => date.ToString(this["Format.Date"], Culture);

    /// <summary>The day an instant falls on by the customer's clock (UTC's for a visitor not yet known), as this language writes it.</summary>
    public string Day(DateTime utc) =>
        Date(DateOnly.FromDateTime(WallClock.FromUtc(utc, Jurisdiction is { } known ? JurisdictionTimes.TimeZone(known) : TimeZoneInfo.Utc)));

    /// <summary>An instant on the customer's clock, its zone named: "7. december 2026 kl. 10.20 (dansk tid)"; in UTC, named so, for a visitor not yet known.</summary>
    public string Time(DateTime utc)
    {
        var zone = Jurisdiction is { } known ? JurisdictionTimes.TimeZone(known) : TimeZoneInfo.Utc;
        var local = WallClock.FromUtc(utc, zone);
        var zoneName = Jurisdiction is { } named ? this[$"Zone.{named.ToWireName()}"] : "UTC";
        return $"{Text("Format.DateTime", Date(DateOnly.FromDateTime(local)), local.ToString("t", Culture))} ({zoneName})";
    }

    /// <summary>
    /// An amount as this culture writes it: with the currency's symbol where it is the country's own ("199,00 kr."),
    /// else with its ISO code ("199,00 DKK").
    /// </summary>
    public string Money(decimal amount, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return string.Equals(new RegionInfo(Culture.Name).ISOCurrencySymbol, currency, StringComparison.OrdinalIgnoreCase)
            ? amount.ToString("C", Culture)
            : $"{amount.ToString("N2", Culture)} {currency.ToUpperInvariant()}";
    }

    /// <summary>A notice or other period: "one month", "2 weeks".</summary>
    public string Period(RulePeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var unit = period.Unit switch
        {
            PeriodUnit.Days => "Days",
            PeriodUnit.Weeks => "Weeks",
            _ => "Months",
        };
        return period.Amount == 1 ? this[$"Period.{unit}.One"] : Text($"Period.{unit}.Many", period.Amount);
    }

    /// <summary>The laws behind <paramref name="ruleIds"/> by their own names; empty for a visitor or rules that are Touchpoint's own.</summary>
    public string Laws(IEnumerable<string> ruleIds) =>
        Jurisdiction is { } known ? string.Join(", ", ConsumerLaws.Names(known, ruleIds)) : "";

    /// <summary>"Lov: forbrugeraftaleloven (CRD-9)": the law a customer knows, the rule ids agents look up.</summary>
    public string LawLine(IReadOnlyCollection<string> ruleIds)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        var laws = Laws(ruleIds);
        var ids = string.Join(", ", ruleIds);
        return laws.Length == 0 ? ids : Text("Law.Line", laws, ids);
    }

    /// <summary>"Retten følger af: forbrugeraftaleloven." for a message; empty when no law applies.</summary>
    public string LawSentence(IEnumerable<string> ruleIds)
    {
        var laws = Laws(ruleIds);
        return laws.Length == 0 ? "" : Text("Law.Sentence", laws);
    }
}
