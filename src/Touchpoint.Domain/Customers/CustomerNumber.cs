using System.Globalization;

namespace Touchpoint.Domain.Customers;

/// <summary>
/// The short number a customer can read out on the phone instead of a GUID: a serial from a counter, offset so the
/// first customers still get eight digits, followed by a GS1 (EAN-8) check digit, so a mistyped digit or most swapped
/// pairs are told apart from another customer's number before anything is looked up. Stored as the whole number.
/// </summary>
public static class CustomerNumber
{
    /// <summary>Added to the serial: serial 1 is 1000001 plus its check digit, eight digits up to 8,999,999 customers.</summary>
    public const long SerialOffset = 1_000_000;

    /// <summary>The digits a number has while the serial fits in seven; more customers only make it longer.</summary>
    public const int Digits = 8;

    /// <summary>The customer number of the <paramref name="serial"/>-th customer (counting from 1).</summary>
    public static long FromSerial(long serial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, 1);
        var payload = SerialOffset + serial;
        return (payload * 10) + CheckDigit(payload);
    }

    public static string Format(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// True when <paramref name="text"/> is a customer number, allowing the spaces and dashes people type between
    /// groups; the check digit must match.
    /// </summary>
    public static bool TryParse(string? text, out long number)
    {
        number = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        Span<char> digits = stackalloc char[18];
        var length = 0;
        foreach (var c in text.AsSpan().Trim())
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || length == digits.Length)
            {
                return false;
            }

            digits[length++] = c;
        }

        if (length < Digits || digits[0] == '0')
        {
            return false;
        }

        var value = long.Parse(digits[..length], NumberStyles.None, CultureInfo.InvariantCulture);
        var payload = value / 10;
        if (payload <= SerialOffset || CheckDigit(payload) != value % 10)
        {
            return false;
        }

        number = value;
        return true;
    }

    /// <summary>GS1: from the rightmost digit of the payload leftwards, weights 3, 1, 3, 1, …; the digit tops the sum up to a multiple of ten.</summary>
    public static int CheckDigit(long payload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payload);
        var sum = 0L;
        for (var weight = 3; payload > 0; payload /= 10, weight = 4 - weight)
        {
            sum += weight * (payload % 10);
        }

        return (int)((10 - (sum % 10)) % 10);
    }

    /// <summary>
    /// <see cref="FromSerial"/> as an SQL expression over an integer <paramref name="serialSql"/>, the same on SQLite
    /// and PostgreSQL (integer division truncates on both), for migrations numbering existing rows. Covers payloads
    /// of up to eight digits (99 million customers).
    /// </summary>
    public static string SqlFromSerial(string serialSql)
    {
        var payload = $"({SerialOffset} + {serialSql})";
        var terms = Enumerable.Range(0, 8).Select(position =>
        {
            var weight = position % 2 == 0 ? 3 : 1;
            var divisor = (long)Math.Pow(10, position);
            return $"{weight} * (({payload} / {divisor}) % 10)";
        });
        return $"({payload} * 10 + (10 - ({string.Join(" + ", terms)}) % 10) % 10)";
    }
}
