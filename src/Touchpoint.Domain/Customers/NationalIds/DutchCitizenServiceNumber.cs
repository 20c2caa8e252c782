namespace Touchpoint.Domain.Customers.NationalIds;

/// <summary>Dutch burgerservicenummer (BSN): 9 digits passing the "elfproef".</summary>
internal static class DutchCitizenServiceNumber
{
    private const string Scheme = "Dutch citizen service number (BSN)";

    public static bool TryNormalize(string text, out string digits, out string error)
    {
        digits = string.Empty;
        if (text.Length is not (8 or 9) || !BirthDates.AllDigits(text))
        {
            error = $"'{text}' is not a valid {Scheme}: it must be 9 digits.";
            return false;
        }

        // Old BSNs are often written without their leading zero.
        var nineDigits = text.PadLeft(9, '0');
        if (nineDigits.All(c => c == '0') || !PassesElevenTest(nineDigits))
        {
            error = $"'{text}' is not a valid {Scheme}: it fails the eleven test.";
            return false;
        }

        digits = nineDigits;
        error = string.Empty;
        return true;
    }

    private static bool PassesElevenTest(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * BirthDates.Digit(nineDigits, i);
        }

        sum -= BirthDates.Digit(nineDigits, 8);
        return sum % 11 == 0;
    }
}
