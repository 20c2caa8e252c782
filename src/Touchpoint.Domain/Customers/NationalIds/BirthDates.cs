namespace Touchpoint.Domain.Customers.NationalIds;

internal static class BirthDates
{
    /// <summary>Checks that the date exists (29 February only in leap years) and, when today is known, is not in the future.</summary>
    public static bool TryCheck(int year, int month, int day, DateOnly? today, out string problem)
    {
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            problem = "the birth date in it does not exist";
            return false;
        }

        if (today is { } reference && new DateOnly(year, month, day) > reference)
        {
            problem = "the birth date in it is in the future";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>The date, or null when it does not exist (a stored number read back never should, but is not trusted to).</summary>
    public static DateOnly? TryDate(int year, int month, int day) =>
        TryCheck(year, month, day, null, out _) ? new DateOnly(year, month, day) : null;

    public static int Digit(string digits, int index) => digits[index] - '0';

    public static int Number(string digits, int index, int length)
    {
        var value = 0;
        for (var i = index; i < index + length; i++)
        {
            value = (value * 10) + Digit(digits, i);
        }

        return value;
    }

    public static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }
}
