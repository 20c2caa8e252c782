namespace Touchpoint.Domain.Customers.NationalIds;

/// <summary>
/// Danish CPR number DDMMYY-SSSS. There is no modulus-11 check: CPR stopped guaranteeing it in 2007,
/// so real numbers would be refused.
/// </summary>
internal static class DanishCprNumber
{
    private const string Scheme = "Danish CPR number";

    public static bool TryNormalize(string text, DateOnly? today, out string digits, out string error)
    {
        digits = string.Empty;
        string tenDigits;
        if (text.Length == 10 && BirthDates.AllDigits(text))
        {
            tenDigits = text;
        }
        else if (text.Length == 11 && text[6] == '-' && BirthDates.AllDigits(text.AsSpan(0, 6)) && BirthDates.AllDigits(text.AsSpan(7)))
        {
            tenDigits = string.Concat(text.AsSpan(0, 6), text.AsSpan(7));
        }
        else
        {
            error = $"'{text}' is not a valid {Scheme}: write it as DDMMYY-SSSS or as 10 digits.";
            return false;
        }

        var day = BirthDates.Number(tenDigits, 0, 2);
        var month = BirthDates.Number(tenDigits, 2, 2);
        var twoDigitYear = BirthDates.Number(tenDigits, 4, 2);
        var year = Century(BirthDates.Digit(tenDigits, 6), twoDigitYear) + twoDigitYear;

        if (!BirthDates.TryCheck(year, month, day, today, out var problem))
        {
            error = $"'{text}' is not a valid {Scheme}: {problem}.";
            return false;
        }

        digits = tenDigits;
        error = string.Empty;
        return true;
    }

    /// <summary>The birth date in a stored (10-digit) number.</summary>
    public static DateOnly? BirthDate(string digits)
    {
        var twoDigitYear = BirthDates.Number(digits, 4, 2);
        return BirthDates.TryDate(Century(BirthDates.Digit(digits, 6), twoDigitYear) + twoDigitYear, BirthDates.Number(digits, 2, 2), BirthDates.Number(digits, 0, 2));
    }

    // The CPR office's table: the first digit of the serial number tells the century.
    private static int Century(int firstSerialDigit, int twoDigitYear) => firstSerialDigit switch
    {
        <= 3 => 1900,
        4 or 9 => twoDigitYear <= 36 ? 2000 : 1900,
        _ => twoDigitYear <= 57 ? 2000 : 1800,
    };
}
