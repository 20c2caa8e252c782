namespace Touchpoint.Domain.Customers.NationalIds;

/// <summary>
/// Finnish henkilötunnus DDMMYYCZZZQ: birth date, century sign C, individual number ZZZ, check character Q. Since 2023 the
/// 1900s are also signed Y, X, W, V or U and the 2000s B, C, D, E or F besides "-" and "A": the extra signs let a birth
/// date and individual number be issued again, so the sign is part of the identity and kept as written (upper case).
/// </summary>
internal static class FinnishPersonalIdentityCode
{
    private const string Scheme = "Finnish personal identity code (henkilötunnus)";

    /// <summary>The remainder of DDMMYYZZZ modulo 31 picks the check character; letters that look like digits are left out.</summary>
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    public static bool TryNormalize(string text, DateOnly? today, out string code, out string error)
    {
        code = string.Empty;
        var candidate = text.ToUpperInvariant();
        if (candidate.Length != 11
            || !BirthDates.AllDigits(candidate.AsSpan(0, 6))
            || !BirthDates.AllDigits(candidate.AsSpan(7, 3)))
        {
            error = $"'{text}' is not a valid {Scheme}: write it as DDMMYY, a century sign, three digits and a check character, e.g. 131052-308T.";
            return false;
        }

        if (Century(candidate[6]) is not { } century)
        {
            error = $"'{text}' is not a valid {Scheme}: '{text[6]}' is not a century sign (+ for the 1800s; -, Y, X, W, V or U for the 1900s; A, B, C, D, E or F for the 2000s).";
            return false;
        }

        // 000 and 001 are never issued; 900-999 are temporary codes, valid as such.
        if (BirthDates.Number(candidate, 7, 3) < 2)
        {
            error = $"'{text}' is not a valid {Scheme}: individual numbers start at 002.";
            return false;
        }

        var number = int.Parse(string.Concat(candidate.AsSpan(0, 6), candidate.AsSpan(7, 3)), System.Globalization.CultureInfo.InvariantCulture);
        if (CheckCharacters[number % 31] != candidate[10])
        {
            error = $"'{text}' is not a valid {Scheme}: the check character does not match.";
            return false;
        }

        var day = BirthDates.Number(candidate, 0, 2);
        var month = BirthDates.Number(candidate, 2, 2);
        var year = century + BirthDates.Number(candidate, 4, 2);
        if (!BirthDates.TryCheck(year, month, day, today, out var problem))
        {
            error = $"'{text}' is not a valid {Scheme}: {problem}.";
            return false;
        }

        code = candidate;
        error = string.Empty;
        return true;
    }

    /// <summary>The birth date in a stored code (DDMMYY, century sign, …).</summary>
    public static DateOnly? BirthDate(string code) =>
        Century(code[6]) is { } century
            ? BirthDates.TryDate(century + BirthDates.Number(code, 4, 2), BirthDates.Number(code, 2, 2), BirthDates.Number(code, 0, 2))
            : null;

    private static int? Century(char sign) => sign switch
    {
        '+' => 1800,
        '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
        'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
        _ => null,
    };
}
