using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Touchpoint.Domain.Contracts;

/// <summary>The unit a period of the contract rules is counted in.</summary>
public enum PeriodUnit
{
    Days,
    Weeks,
    Months,
}

public static class PeriodUnits
{
    private static readonly WireNameTable<PeriodUnit> Table = new(
        "period unit",
        (PeriodUnit.Days, "days"),
        (PeriodUnit.Weeks, "weeks"),
        (PeriodUnit.Months, "months"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this PeriodUnit unit) => Table.NameOf(unit);

    public static bool TryParse(string? text, out PeriodUnit value, out string error) => Table.TryParse(text, out value, out error);
}

/// <summary>
/// A length of time the contract rules count in calendar terms: a notice of one month (EU-105-2) or of two weeks (FI-1),
/// a withdrawal period of 14 days (CRD-9). Months are calendar months, so 31 January plus one month is the last day of
/// February, which is when a month's notice given on 31 January ends.
/// </summary>
/// <remarks>On the wire: <c>{ "amount": 2, "unit": "weeks" }</c>.</remarks>
[JsonConverter(typeof(RulePeriodJsonConverter))]
public sealed record RulePeriod
{
    public RulePeriod(int amount, PeriodUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown period unit.");
        }

        Amount = amount;
        Unit = unit;
    }

    public int Amount { get; }

    public PeriodUnit Unit { get; }

    public static RulePeriod Days(int amount) => new(amount, PeriodUnit.Days);

    public static RulePeriod Weeks(int amount) => new(amount, PeriodUnit.Weeks);

    public static RulePeriod Months(int amount) => new(amount, PeriodUnit.Months);

    /// <summary>The amount when the period is whole months (or nothing at all), else null.</summary>
    public int? WholeMonths => Unit == PeriodUnit.Months || Amount == 0 ? Amount : null;

    /// <summary>ISO 8601: P1M, P2W, P14D.</summary>
    public string Iso8601 => string.Create(CultureInfo.InvariantCulture, $"P{Amount}{Unit switch { PeriodUnit.Days => 'D', PeriodUnit.Weeks => 'W', _ => 'M' }}");

    /// <summary>The day the period ends when it starts on <paramref name="start"/>; DateOnly.AddMonths clamps to the month's last day.</summary>
    public DateOnly AddTo(DateOnly start) => Unit switch
    {
        PeriodUnit.Days => start.AddDays(Amount),
        PeriodUnit.Weeks => start.AddDays(7 * Amount),
        _ => start.AddMonths(Amount),
    };

    /// <summary>
    /// Whether this period ends no later than <paramref name="other"/> whatever day both start on. In the same unit that
    /// is the amount; across units months are read at their shortest (28 days, then 30 a month) against days and weeks
    /// at their longest (31 a month), so a comparison never calls a period shorter than it can be.
    /// </summary>
    public bool IsNeverLongerThan(RulePeriod other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Unit == other.Unit ? Amount <= other.Amount : LongestDays <= other.ShortestDays;
    }

    /// <summary>Whether this period ends no earlier than <paramref name="other"/> whatever day both start on.</summary>
    public bool IsNeverShorterThan(RulePeriod other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Unit == other.Unit ? Amount >= other.Amount : ShortestDays >= other.LongestDays;
    }

    /// <summary>"1 month", "2 weeks", "14 days".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount} {UnitWord(Amount)}");

    /// <summary>How a notice of this length is said: "no notice", "one month's notice", "2 weeks' notice".</summary>
    public string AsNotice() => Amount switch
    {
        0 => "no notice",
        1 => $"one {UnitWord(1)}'s notice",
        _ => $"{this}' notice",
    };

    /// <summary>Parses the ISO 8601 form written by <see cref="Iso8601"/>.</summary>
    public static bool TryParseIso8601(string? text, out RulePeriod? period)
    {
        period = null;
        if (text is not { Length: >= 3 } || text[0] != 'P'
            || !int.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        PeriodUnit? unit = text[^1] switch { 'D' => PeriodUnit.Days, 'W' => PeriodUnit.Weeks, 'M' => PeriodUnit.Months, _ => null };
        period = unit is { } known ? new RulePeriod(amount, known) : null;
        return period is not null;
    }

    private int ShortestDays => Unit switch
    {
        PeriodUnit.Days => Amount,
        PeriodUnit.Weeks => 7 * Amount,
        _ => Amount == 0 ? 0 : 28 + (30 * (Amount - 1)),
    };

    private int LongestDays => Unit switch
    {
        PeriodUnit.Days => Amount,
        PeriodUnit.Weeks => 7 * Amount,
        _ => 31 * Amount,
    };

    private string UnitWord(int amount)
    {
        var word = Unit.ToWireName();
        return amount == 1 ? word[..^1] : word;
    }
}

/// <summary>Writes a period as <c>{ "amount": 2, "unit": "weeks" }</c> and reads it back.</summary>
internal sealed class RulePeriodJsonConverter : JsonConverter<RulePeriod>
{
    public override RulePeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A period is an object with an amount and a unit.");
        }

        int? amount = null;
        PeriodUnit? unit = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "amount" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value >= 0:
                    amount = value;
                    break;
                case "unit" when PeriodUnits.TryParse(reader.TokenType == JsonTokenType.String ? reader.GetString() : null, out var parsed, out _):
                    unit = parsed;
                    break;
                default:
                    throw new JsonException($"'{name}' is not a valid part of a period; write {{ \"amount\": 2, \"unit\": \"weeks\" }}.");
            }
        }

        return amount is { } a && unit is { } u ? new RulePeriod(a, u) : throw new JsonException("A period needs both an amount and a unit.");
    }

    public override void Write(Utf8JsonWriter writer, RulePeriod value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteNumber("amount", value.Amount);
        writer.WriteString("unit", value.Unit.ToWireName());
        writer.WriteEndObject();
    }
}
