using System.Globalization;

namespace Touchpoint.Features.Import;

/// <summary>The header of a CSV file: which column holds which field, and typed reads of a row's cells.</summary>
internal sealed class CsvColumns
{
    /// <summary>A column the reject file adds; importing a corrected reject file ignores it.</summary>
    public const string ErrorColumn = "error";

    private readonly Dictionary<string, int> indexes;

    private CsvColumns(Dictionary<string, int> indexes) => this.indexes = indexes;

    /// <summary>Checks the header against the columns the kind knows; null and an error sentence when it does not fit.</summary>
    public static CsvColumns? Create(string[] header, IReadOnlyCollection<string> known, IReadOnlyCollection<string> required, out string error)
    {
        var indexes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i];
            if (name.Length == 0)
            {
                error = $"Column {i + 1} of the header has no name.";
                return null;
            }

            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase) && !string.Equals(name, ErrorColumn, StringComparison.OrdinalIgnoreCase))
            {
                error = $"Unknown column '{name}'; the columns are: {string.Join(", ", known)}.";
                return null;
            }

            if (!indexes.TryAdd(name, i))
            {
                error = $"The column '{name}' appears twice.";
                return null;
            }
        }

        var missing = required.Where(r => !indexes.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            error = $"The header lacks the required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}.";
            return null;
        }

        error = "";
        return new CsvColumns(indexes);
    }

    public bool Has(string column) => indexes.ContainsKey(column);

    /// <summary>The trimmed cell, or null when the column is absent or the cell empty.</summary>
    public string? Text(string[] fields, string column)
    {
        if (!indexes.TryGetValue(column, out var index))
        {
            return null;
        }

        var value = fields[index].Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>The cell as written (untrimmed), or null when absent or empty; for free text such as a summary.</summary>
    public string? RawText(string[] fields, string column) =>
        indexes.TryGetValue(column, out var index) && fields[index].Length > 0 ? fields[index] : null;

    /// <summary>A semicolon-separated list; empty when the cell is.</summary>
    public List<string> List(string[] fields, string column) =>
        Text(fields, column)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];

    public bool TryGuid(string[] fields, string column, out Guid? value, out string error) =>
        TryRead(fields, column, out value, out error, (string text, out Guid parsed) => Guid.TryParse(text, out parsed), "is not a valid id (a GUID)");

    public bool TryInt(string[] fields, string column, out int? value, out string error) =>
        TryRead(fields, column, out value, out error,
            (string text, out int parsed) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out parsed), "is not a whole number");

    public bool TryDecimal(string[] fields, string column, out decimal? value, out string error) =>
        TryRead(fields, column, out value, out error,
            (string text, out decimal parsed) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out parsed),
            "is not a number (use a point for decimals, e.g. 299.50)");

    public bool TryBool(string[] fields, string column, out bool? value, out string error) =>
        TryRead(fields, column, out value, out error, TryParseBool, "is not true or false");

    public bool TryDate(string[] fields, string column, out DateOnly? value, out string error) =>
        TryRead(fields, column, out value, out error,
            (string text, out DateOnly parsed) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed),
            "is not a date (yyyy-MM-dd)");

    /// <summary>ISO 8601; a time without an offset is UTC, as in the API.</summary>
    public bool TryTimestamp(string[] fields, string column, out DateTime? value, out string error) =>
        TryRead(fields, column, out value, out error, TryParseTimestamp, "is not a timestamp (ISO 8601, e.g. 2025-03-01T14:05:00Z)");

    private delegate bool Parser<T>(string text, out T value);

    private bool TryRead<T>(string[] fields, string column, out T? value, out string error, Parser<T> parse, string problem) where T : struct
    {
        value = null;
        error = "";
        if (Text(fields, column) is not { } text)
        {
            return true;
        }

        if (!parse(text, out var parsed))
        {
            error = $"'{text}' {problem}.";
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool TryParseBool(string text, out bool value)
    {
        switch (text.ToUpperInvariant())
        {
            case "TRUE" or "YES" or "Y" or "1":
                value = true;
                return true;
            case "FALSE" or "NO" or "N" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static bool TryParseTimestamp(string text, out DateTime value)
    {
        value = default;
        // Only year-first dates: 01/02/2025 means different days in different countries.
        if (text.Length < 10 || text[4] != '-')
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed.UtcDateTime;
        return true;
    }
}
