namespace Touchpoint.Domain.Customers.NationalIds;

/// <summary>Norwegian fødselsnummer and D-nummer (day of birth + 40): DDMMYY, individual number III, control digits KK.</summary>
internal static class NorwegianBirthNumber
{
    private const string Scheme = "Norwegian national identity number";

    private static readonly int[] FirstControlWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] SecondControlWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    public static bool TryNormalize(string text, DateOnly? today, out string digits, out string error)
    {
        digits = string.Empty;
        string elevenDigits;
        if (text.Length == 11 && BirthDates.AllDigits(text))
        {
            elevenDigits = text;
        }
        else if (text.Length == 12 && text[6] == ' ' && BirthDates.AllDigits(text.AsSpan(0, 6)) && BirthDates.AllDigits(text.AsSpan(7)))
        {
            elevenDigits = string.Concat(text.AsSpan(0, 6), text.AsSpan(7));
        }
        else
        {
            error = $"'{text}' is not a valid {Scheme}: it must be 11 digits.";
            return false;
        }

        if (ControlDigit(elevenDigits, FirstControlWeights) != BirthDates.Digit(elevenDigits, 9)
            || ControlDigit(elevenDigits, SecondControlWeights) != BirthDates.Digit(elevenDigits, 10))
        {
            error = $"'{text}' is not a valid {Scheme}: the control digits do not match.";
            return false;
        }

        var dayField = BirthDates.Number(elevenDigits, 0, 2);
        var day = dayField > 40 ? dayField - 40 : dayField;
        var month = BirthDates.Number(elevenDigits, 2, 2);
        var twoDigitYear = BirthDates.Number(elevenDigits, 4, 2);
        var individualNumber = BirthDates.Number(elevenDigits, 6, 3);

        if (Century(individualNumber, twoDigitYear) is not { } century)
        {
            error = $"'{text}' is not a valid {Scheme}: its individual number does not fit its year of birth.";
            return false;
        }

        if (!BirthDates.TryCheck(century + twoDigitYear, month, day, today, out var problem))
        {
            error = $"'{text}' is not a valid {Scheme}: {problem}.";
            return false;
        }

        digits = elevenDigits;
        error = string.Empty;
        return true;
    }

    /// <summary>Weighted sum mod 11; a result of 10 can never match a digit, so such numbers are invalid.</summary>
    private static int ControlDigit(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * BirthDates.Digit(digits, i);
        }

        var control = 11 - (sum % 11);
        return control == 11 ? 0 : control;
    }

    /// <summary>The birth date in a stored (11-digit) number; a D-number's day is the day of birth + 40.</summary>
    public static DateOnly? BirthDate(string digits)
    {
        var dayField = BirthDates.Number(digits, 0, 2);
        var twoDigitYear = BirthDates.Number(digits, 4, 2);
        return Century(BirthDates.Number(digits, 6, 3), twoDigitYear) is { } century
            ? BirthDates.TryDate(century + twoDigitYear, BirthDates.Number(digits, 2, 2), dayField > 40 ? dayField - 40 : dayField)
            : null;
    }

    // Skatteetaten's ranges of individual numbers per century.
    private static int? Century(int individualNumber, int twoDigitYear) => individualNumber switch
    {
        <= 499 => 1900,
        <= 749 when twoDigitYear >= 54 => 1800,
        _ when twoDigitYear <= 39 => 2000,
        >= 900 => 1900,
        _ => null,
    };
}
