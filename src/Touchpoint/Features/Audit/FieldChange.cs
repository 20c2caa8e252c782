using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Features.Audit;

/// <summary>
/// One field of a changed row as the audit keeps it: its name ("Name", "ServiceAddress.Street"), its value before and
/// after (invariant text, at most <see cref="MaxValueLength"/> characters), and how sensitive it is, decided by
/// <see cref="PersonalData"/> when the change was made. A secret's values are never kept.
/// </summary>
public sealed record FieldChange(string Field, string? Old, string? New, FieldSensitivity Sensitivity = FieldSensitivity.Ordinary)
{
    public const int MaxValueLength = 500;

    /// <summary>The change of one field from one stored value to another, as much of it as the sensitivity allows.</summary>
    public static FieldChange Of(string field, object? oldValue, object? newValue, FieldSensitivity sensitivity) =>
        sensitivity == FieldSensitivity.Secret
            ? new FieldChange(field, null, null, sensitivity)
            : new FieldChange(field, Text(oldValue), Text(newValue), sensitivity);

    /// <summary>The changes as the audit table stores them (JSON), or null when there are none.</summary>
    public static string? Serialize(IReadOnlyList<FieldChange>? changes) =>
        changes is null or { Count: 0 } ? null : JsonSerializer.Serialize(changes, FieldChangeJson.Default.IReadOnlyListFieldChange);

    public static IReadOnlyList<FieldChange> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, FieldChangeJson.Default.IReadOnlyListFieldChange) ?? [];

    private static string? Text(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            DateTime at => at.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            byte[] bytes => $"({bytes.Length} bytes)",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return text is { Length: > MaxValueLength } ? string.Concat(text.AsSpan(0, MaxValueLength - 1), "…") : text;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(IReadOnlyList<FieldChange>))]
internal sealed partial class FieldChangeJson : JsonSerializerContext;
