namespace Touchpoint.Domain.Tests.Customers;

/// <summary>
/// Independent implementations of the national check-digit algorithms, so tests build valid numbers
/// instead of relying on guessed examples (and do not reuse the production code they test).
/// </summary>
internal static class CheckDigits
{
    /// <summary>Swedish personnummer: appends the Luhn digit to YYMMDDNNN.</summary>
    public static string SwedishTenDigits(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var product = (nineDigits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += (product / 10) + (product % 10);
        }

        return nineDigits + ((10 - (sum % 10)) % 10);
    }

    /// <summary>Swedish personnummer written YYMMDD{separator}NNNC.</summary>
    public static string Swedish(string birthDigits, char separator, string serial)
    {
        var ten = SwedishTenDigits(birthDigits + serial);
        return $"{ten[..6]}{separator}{ten[6..]}";
    }

    /// <summary>Norwegian fødselsnummer from DDMMYY and an individual number; null when no control digit exists.</summary>
    public static string? Norwegian(string ddmmyy, int individualNumber)
    {
        var nine = $"{ddmmyy}{individualNumber:000}";
        var k1 = Control(nine, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
        if (k1 is null)
        {
            return null;
        }

        var k2 = Control(nine + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
        return k2 is null ? null : $"{nine}{k1}{k2}";
    }

    /// <summary>The first valid Norwegian number with an individual number in the range.</summary>
    public static string FirstNorwegian(string ddmmyy, int fromIndividual, int toIndividual)
    {
        for (var individual = fromIndividual; individual <= toIndividual; individual++)
        {
            if (Norwegian(ddmmyy, individual) is { } number)
            {
                return number;
            }
        }

        throw new InvalidOperationException("No valid number in range.");
    }

    /// <summary>A 9-digit BSN starting with the 8 digits given, or null when no last digit satisfies the eleven test.</summary>
    public static string? DutchBsn(string eightDigits)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (eightDigits[i] - '0');
        }

        var last = sum % 11;
        return last <= 9 ? eightDigits + last : null;
    }

    private static int? Control(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * (digits[i] - '0');
        }

        var control = (11 - (sum % 11)) % 11;
        return control == 10 ? null : control;
    }
}
