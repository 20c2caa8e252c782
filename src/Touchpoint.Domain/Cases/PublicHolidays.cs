using System.Collections.Concurrent;
using System.Collections.Frozen;
using Touchpoint.Domain.Customers;
using Library = PublicHoliday;

namespace Touchpoint.Domain.Cases;

/// <summary>One public holiday: its date, its name in the country's language and in English.</summary>
public sealed record Holiday(DateOnly Date, string LocalName, string EnglishName);

/// <summary>
/// The public holidays of one jurisdiction in any year, for business calendars: computed by the PublicHoliday library
/// (Easter and the days that hang on it, Midsummer, holidays moved or abolished over the years, such as Denmark's Great
/// Prayer Day, gone since 2024), not listed by hand. Germany's are the nine national ones; a state's own holidays are
/// added as closed dates. Finland also closes on Midsummer Eve and Christmas Eve, which are not public holidays by law
/// and so missing from the library, but are days off by custom and collective agreements, as the library already has
/// them for Sweden. A year is computed once and kept; instances are shared and safe to use from many threads.
/// </summary>
public sealed class PublicHolidays
{
    private static readonly FrozenDictionary<Jurisdiction, PublicHolidays> ByJurisdiction =
        Enum.GetValues<Jurisdiction>().ToFrozenDictionary(j => j, j => new PublicHolidays(j));

    private readonly ConcurrentDictionary<int, Year> years = new();

    private PublicHolidays(Jurisdiction jurisdiction) => Jurisdiction = jurisdiction;

    public Jurisdiction Jurisdiction { get; }

    public static PublicHolidays For(Jurisdiction jurisdiction) => ByJurisdiction[jurisdiction];

    /// <summary>The holidays of <paramref name="year"/> in date order, weekends included.</summary>
    public IReadOnlyList<Holiday> In(int year) => YearOf(year).Holidays;

    public bool IsHoliday(DateOnly date) => YearOf(date.Year).Dates.Contains(date);

    /// <summary>The holiday on <paramref name="date"/>, or null on an ordinary day.</summary>
    public Holiday? On(DateOnly date) => IsHoliday(date) ? YearOf(date.Year).Holidays.First(h => h.Date == date) : null;

    // Asked for every day a business calendar steps through, so the usual answer is one lookup without allocating.
    private Year YearOf(int year) => years.TryGetValue(year, out var known) ? known : years.GetOrAdd(year, Compute(year));

    private Year Compute(int year)
    {
        // A new library calendar per computation: its thread safety is not documented, and a year is computed once.
        var holidays = Calendar().PublicHolidaysInformation(year)
            .Select(h => new Holiday(DateOnly.FromDateTime(h.HolidayDate), h.Name, h.EnglishName))
            .Concat(CustomaryDaysOff(year))
            .GroupBy(h => h.Date)
            .Select(day => day.First())
            .OrderBy(h => h.Date)
            .ToList();
        return new Year(holidays, holidays.Select(h => h.Date).ToFrozenSet());
    }

    private Library.IPublicHolidays Calendar() => Jurisdiction switch
    {
        Jurisdiction.SE => new Library.SwedenPublicHoliday(),
        Jurisdiction.DK => new Library.DenmarkPublicHoliday(),
        Jurisdiction.NL => new Library.DutchPublicHoliday(),
        Jurisdiction.NO => new Library.NorwayPublicHoliday(),
        Jurisdiction.FI => new Library.FinlandPublicHoliday(),
        Jurisdiction.DE => new Library.GermanPublicHoliday(),
        _ => throw new ArgumentOutOfRangeException(nameof(Jurisdiction), Jurisdiction, "Unknown jurisdiction."),
    };

    private IEnumerable<Holiday> CustomaryDaysOff(int year)
    {
        if (Jurisdiction == Jurisdiction.FI)
        {
            // Juhannusaatto is the Friday before Midsummer Day, the Saturday between 20 and 26 June.
            var june19 = new DateOnly(year, 6, 19);
            yield return new Holiday(june19.AddDays(((int)DayOfWeek.Friday - (int)june19.DayOfWeek + 7) % 7), "Juhannusaatto", "Midsummer Eve");
            yield return new Holiday(new DateOnly(year, 12, 24), "Jouluaatto", "Christmas Eve");
        }
    }

    private sealed record Year(IReadOnlyList<Holiday> Holidays, FrozenSet<DateOnly> Dates);
}
