using System.Collections.Frozen;

namespace Touchpoint.Domain;

/// <summary>
/// Maps an enum to the names it has on the wire (API, database, events). Enum.Parse is not used
/// because it accepts numbers ("3") and C# member names, and a rename in code must not silently
/// change stored data.
/// </summary>
internal sealed class WireNameTable<TEnum>
    where TEnum : struct, Enum
{
    private readonly FrozenDictionary<TEnum, string> namesByValue;
    private readonly FrozenDictionary<string, TEnum> valuesByName;
    private readonly string subject;
    private readonly string allowedList;

    /// <param name="subject">What a value is called in error messages, e.g. "channel".</param>
    public WireNameTable(string subject, params (TEnum Value, string Name)[] entries)
    {
        var missing = Enum.GetValues<TEnum>().Where(v => !entries.Any(e => e.Value.Equals(v))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{typeof(TEnum).Name} has no wire name for {string.Join(", ", missing)}.");
        }

        this.subject = subject;
        namesByValue = entries.ToFrozenDictionary(e => e.Value, e => e.Name);
        valuesByName = entries.ToFrozenDictionary(e => e.Name, e => e.Value, StringComparer.OrdinalIgnoreCase);
        Names = [.. entries.Select(e => e.Name)];
        allowedList = string.Join(", ", Names);
    }

    public IReadOnlyList<string> Names { get; }

    public string NameOf(TEnum value) =>
        namesByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(TEnum).Name}.");

    /// <summary>Case-insensitive and trimmed, so hand-typed query strings work; output is always the canonical name.</summary>
    public bool TryParse(string? text, out TEnum value, out string error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"A {subject} is required; allowed values: {allowedList}.";
            return false;
        }

        if (valuesByName.TryGetValue(text.Trim(), out value))
        {
            error = string.Empty;
            return true;
        }

        error = $"'{text}' is not a valid {subject}; allowed values: {allowedList}.";
        return false;
    }
}
