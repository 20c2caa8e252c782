namespace Touchpoint.Domain.Customers.NationalIds;

/// <summary>Swedish personnummer and samordningsnummer (coordination number: day of birth + 60).</summary>
internal static class SwedishPersonalNumber
{
    private const string Scheme = "Swedish personal identity number";

    /// <param name="today">Needed to infer the century of the 10-digit forms; without it only 12-digit forms are accepted.</param>
    public static bool TryNormalize(string text, DateOnly? today, out string digits, out string error)
    {
        digits = string.Empty;
        if (!TrySplit(text, out var century, out var tenDigits, out var separator))
        {
            error = $"'{text}' is not a valid {Scheme}: write it as YYMMDD-NNNN, YYYYMMDD-NNNN or YYYYMMDDNNNN.";
            return false;
        }

        if (!HasValidLuhnCheckDigit(tenDigits))
        {
            error = $"'{text}' is not a valid {Scheme}: the check digit does not match.";
            return false;
        }

        var twoDigitYear = BirthDates.Number(tenDigits, 0, 2);
        var month = BirthDates.Number(tenDigits, 2, 2);
        var dayField = BirthDates.Number(tenDigits, 4, 2);
        var day = dayField > 60 ? dayField - 60 : dayField;

        int year;
        if (century is { } knownCentury)
        {
            if (knownCentury is < 18 or > 20)
            {
                error = $"'{text}' is not a valid {Scheme}: the year of birth is not plausible.";
                return false;
            }

            year = (knownCentury * 100) + twoDigitYear;
        }
        else if (today is { } reference)
        {
            // Skatteverket: the hyphen becomes a plus in the year the holder turns 100,
            // so '-' means born within the last 99 years and '+' means 100 or more years ago.
            var yearsBack = (reference.Year - twoDigitYear) % 100;
            year = reference.Year - yearsBack - (separator == '+' ? 100 : 0);
        }
        else
        {
            error = $"'{text}' is not a complete {Scheme}: give the century too, as YYYYMMDD-NNNN.";
            return false;
        }

        if (!BirthDates.TryCheck(year, month, day, today, out var problem))
        {
            error = $"'{text}' is not a valid {Scheme}: {problem}.";
            return false;
        }

        digits = $"{year / 100:00}{tenDigits}";
        error = string.Empty;
        return true;
    }

    private static bool TrySplit(string text, out int? century, out string tenDigits, out char separator)
    {
        century = null;
        tenDigits = string.Empty;
        separator = '-';
        switch (text.Length)
        {
            case 10 when BirthDates.AllDigits(text):
                tenDigits = text;
                return true;
            case 11 when text[6] is '-' or '+' && BirthDates.AllDigits(text.AsSpan(0, 6)) && BirthDates.AllDigits(text.AsSpan(7)):
                tenDigits = string.Concat(text.AsSpan(0, 6), text.AsSpan(7));
                separator = text[6];
                return true;
            case 12 when BirthDates.AllDigits(text):
                century = BirthDates.Number(text, 0, 2);
                tenDigits = text[2..];
                return true;
            case 13 when text[8] == '-' && BirthDates.AllDigits(text.AsSpan(0, 8)) && BirthDates.AllDigits(text.AsSpan(9)):
                century = BirthDates.Number(text, 0, 2);
                tenDigits = string.Concat(text.AsSpan(2, 6), text.AsSpan(9));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The birth date in a stored (12-digit) number; a coordination number's day is the day of birth + 60.</summary>
    public static DateOnly? BirthDate(string digits)
    {
        var dayField = BirthDates.Number(digits, 6, 2);
        return BirthDates.TryDate(BirthDates.Number(digits, 0, 4), BirthDates.Number(digits, 4, 2), dayField > 60 ? dayField - 60 : dayField);
    }

    private static bool HasValidLuhnCheckDigit(string tenDigits)
    {
        var sum = 0;
        for (var i = 0; i < tenDigits.Length; i++)
        {
            var product = BirthDates.Digit(tenDigits, i) * (i % 2 == 0 ? 2 : 1);
            sum += product > 9 ? product - 9 : product;
        }

        return sum % 10 == 0;
    }
}
