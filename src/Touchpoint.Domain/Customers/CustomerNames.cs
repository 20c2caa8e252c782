using System.Globalization;
using System.Text;

namespace Touchpoint.Domain.Customers;

public static class CustomerNames
{
    public const int MaxLength = 200;

    public static bool TryValidate(string? name, out string trimmed, out string error)
    {
        trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = "A customer name is required.";
            return false;
        }

        if (trimmed.Length > MaxLength)
        {
            error = $"The customer name is {trimmed.Length} characters long; at most {MaxLength} are allowed.";
            trimmed = string.Empty;
            return false;
        }

        // Line breaks and other control characters come from bad pastes and break lists and letters.
        if (trimmed.Any(char.IsControl))
        {
            error = $"The customer name '{trimmed}' contains a line break or another control character.";
            trimmed = string.Empty;
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>
    /// The form in which names are stored and searched, so that "asa ostergard" finds "Åsa Østergård":
    /// upper case, accents dropped, Nordic and German letters spelled out, runs of whitespace made one space.
    /// Apply it to both the stored name and the typed search fragment.
    /// </summary>
    public static string SearchKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // These letters are not a base letter plus an accent, so Unicode decomposition leaves them alone.
        var spelledOut = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            spelledOut.Append(c switch
            {
                'æ' or 'Æ' => "AE",
                'ø' or 'Ø' => "O",
                'ß' or 'ẞ' => "SS",
                'œ' or 'Œ' => "OE",
                'ð' or 'Ð' or 'đ' or 'Đ' => "D",
                'þ' or 'Þ' => "TH",
                'ł' or 'Ł' => "L",
                'ı' => "I",
                _ => c.ToString(),
            });
        }

        var key = new StringBuilder(spelledOut.Length);
        var pendingSpace = false;
        foreach (var c in spelledOut.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = key.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                key.Append(' ');
                pendingSpace = false;
            }

            key.Append(char.ToUpperInvariant(c));
        }

        return key.ToString().Normalize(NormalizationForm.FormC);
    }
}
