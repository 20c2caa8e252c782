namespace Touchpoint.Domain.Customers.NationalIds;

/// <summary>
/// The birth date a stored national id carries (SE, DK, NO and FI numbers begin with it; a Dutch BSN carries none and
/// Germany has no national id). Customers have no birth date of their own, so this is where one is known from.
/// </summary>
public static class NationalIdBirthDates
{
    /// <param name="canonical">A national id as stored: the jurisdiction, a colon and the number (see <see cref="IdentityNormalizer"/>).</param>
    public static DateOnly? Of(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var colon = canonical.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !Jurisdictions.TryParse(canonical[..colon], out var jurisdiction, out _))
        {
            return null;
        }

        var number = canonical[(colon + 1)..];
        return jurisdiction switch
        {
            Jurisdiction.SE when number.Length == 12 && BirthDates.AllDigits(number) => SwedishPersonalNumber.BirthDate(number),
            Jurisdiction.DK when number.Length == 10 && BirthDates.AllDigits(number) => DanishCprNumber.BirthDate(number),
            Jurisdiction.NO when number.Length == 11 && BirthDates.AllDigits(number) => NorwegianBirthNumber.BirthDate(number),
            Jurisdiction.FI when number.Length == 11 && BirthDates.AllDigits(number.AsSpan(0, 6)) => FinnishPersonalIdentityCode.BirthDate(number),
            _ => null,
        };
    }
}
