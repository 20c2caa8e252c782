using System.Globalization;
using System.Text.Json;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Contracts;

/// <summary>One value as written in a rules file: the number and the rule id it carries (optional in an operator file).</summary>
/// <param name="Unit">The unit a notice was written in ("unit": "weeks"); null for the value's own unit.</param>
internal sealed record RuleSetting(int Value, string? RuleId, PeriodUnit? Unit = null);

/// <summary>
/// A rules file as written: a version and, per scope ("EU" for the base, or a jurisdiction), the values it sets.
/// The shape is the same for the law and for an operator's file.
/// </summary>
internal sealed record ContractRuleFile(string Version, IReadOnlyDictionary<Jurisdiction, IReadOnlyDictionary<ContractRule, RuleSetting>> Countries, IReadOnlyDictionary<ContractRule, RuleSetting> Base)
{
    public const string BaseScope = "EU";

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <param name="ruleIdsRequired">The law names a rule id for every value; an operator may leave it out and keep the law's.</param>
    public static bool TryParse(string json, bool ruleIdsRequired, out ContractRuleFile? file, out string error)
    {
        file = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            error = $"The rules file is not valid JSON: {ex.Message}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The rules file must be a JSON object with a version and jurisdictions.";
                return false;
            }

            string? version = null;
            var countries = new Dictionary<Jurisdiction, IReadOnlyDictionary<ContractRule, RuleSetting>>();
            IReadOnlyDictionary<ContractRule, RuleSetting> baseScope = new Dictionary<ContractRule, RuleSetting>();
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "version":
                        version = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                        break;
                    case "about":
                        break;
                    case "jurisdictions":
                        if (!TryParseScopes(property.Value, ruleIdsRequired, countries, out var parsedBase, out error))
                        {
                            return false;
                        }

                        baseScope = parsedBase;
                        break;
                    default:
                        error = $"The rules file has an unknown property '{property.Name}'; allowed: version, about, jurisdictions.";
                        return false;
                }
            }

            if (string.IsNullOrWhiteSpace(version))
            {
                error = "The rules file needs a version (a non-empty string), so every decision can say which rules it used.";
                return false;
            }

            file = new ContractRuleFile(version.Trim(), countries, baseScope);
            error = string.Empty;
            return true;
        }
    }

    private static bool TryParseScopes(
        JsonElement element, bool ruleIdsRequired, Dictionary<Jurisdiction, IReadOnlyDictionary<ContractRule, RuleSetting>> countries,
        out IReadOnlyDictionary<ContractRule, RuleSetting> baseScope, out string error)
    {
        baseScope = new Dictionary<ContractRule, RuleSetting>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"'jurisdictions' must be an object keyed by {BaseScope}, {string.Join(", ", Jurisdictions.WireNames)}.";
            return false;
        }

        var seenBase = false;
        foreach (var scope in element.EnumerateObject())
        {
            Jurisdiction? jurisdiction = null;
            if (string.Equals(scope.Name, BaseScope, StringComparison.OrdinalIgnoreCase))
            {
                if (seenBase)
                {
                    error = "The jurisdiction EU is listed more than once.";
                    return false;
                }

                seenBase = true;
            }
            else if (Jurisdictions.TryParse(scope.Name, out var parsed, out _))
            {
                if (countries.ContainsKey(parsed))
                {
                    error = $"The jurisdiction {parsed.ToWireName()} is listed more than once.";
                    return false;
                }

                jurisdiction = parsed;
            }
            else
            {
                error = $"'{scope.Name}' is not a jurisdiction of the rules; allowed: EU, {string.Join(", ", Jurisdictions.WireNames)}.";
                return false;
            }

            var scopeName = jurisdiction?.ToWireName() ?? BaseScope;
            if (!TryParseSettings(scopeName, scope.Value, ruleIdsRequired, out var settings, out error))
            {
                return false;
            }

            if (jurisdiction is { } country)
            {
                countries[country] = settings;
            }
            else
            {
                baseScope = settings;
            }
        }

        error = string.Empty;
        return true;
    }

    private static bool TryParseSettings(
        string scopeName, JsonElement element, bool ruleIdsRequired, out IReadOnlyDictionary<ContractRule, RuleSetting> settings, out string error)
    {
        var parsed = new Dictionary<ContractRule, RuleSetting>();
        settings = parsed;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"The rules of {scopeName} must be an object of values.";
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!ContractRules.TryParse(property.Name, out var rule, out _))
            {
                error = $"{scopeName} has an unknown rule value '{property.Name}'; allowed: {string.Join(", ", ContractRules.WireNames)}.";
                return false;
            }

            var name = $"{scopeName} {rule.ToWireName()}";
            if (parsed.ContainsKey(rule))
            {
                error = $"{name} is given more than once.";
                return false;
            }

            JsonElement number;
            string? ruleId = null;
            PeriodUnit? unit = null;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                number = property.Value.TryGetProperty("value", out var value) ? value : default;
                if (property.Value.TryGetProperty("rule", out var id))
                {
                    ruleId = id.ValueKind == JsonValueKind.String ? id.GetString()?.Trim() : null;
                    if (string.IsNullOrEmpty(ruleId))
                    {
                        error = $"{name}: 'rule' must be a non-empty rule id.";
                        return false;
                    }
                }

                if (property.Value.TryGetProperty("unit", out var unitElement))
                {
                    if (!rule.TakesPeriodUnit())
                    {
                        error = $"{name} is counted in {rule.Unit()}; only {ContractRule.NoticeMax.ToWireName()} may be written in other units.";
                        return false;
                    }

                    if (!PeriodUnits.TryParse(unitElement.ValueKind == JsonValueKind.String ? unitElement.GetString() : null, out var parsedUnit, out _))
                    {
                        error = $"{name}: 'unit' must be one of {string.Join(", ", PeriodUnits.WireNames)}.";
                        return false;
                    }

                    unit = parsedUnit;
                }
            }
            else
            {
                number = property.Value;
            }

            int amount;
            if (rule.IsChoice())
            {
                // A choice is written by its wire name, so the file reads as what it means.
                if (number.ValueKind != JsonValueKind.String || !DeviceInstalmentChoices.TryParse(number.GetString(), out var choice, out _))
                {
                    error = $"{name} must be one of {string.Join(", ", DeviceInstalmentChoices.WireNames)}.";
                    return false;
                }

                amount = (int)choice;
            }
            else if (number.ValueKind != JsonValueKind.Number || !number.TryGetInt32(out amount) || amount < 0)
            {
                error = $"{name} must be a whole number of {(unit is { } given ? given.ToWireName() : rule.Unit())}, 0 or more.";
                return false;
            }

            if (ruleIdsRequired && ruleId is null)
            {
                error = $"{name} must name the rule id that sets it.";
                return false;
            }

            parsed[rule] = new RuleSetting(amount, ruleId, unit);
        }

        error = string.Empty;
        return true;
    }

    /// <summary>"1 month", "6 months", "14 days", "2 weeks" (a notice in its own unit), "90 percent", "onSchedule".</summary>
    public static string Describe(int value, ContractRule rule, PeriodUnit? unit = null) =>
        unit is { } period
            ? new RulePeriod(value, period).ToString()
            : rule.IsChoice()
                ? ((DeviceInstalments)value).ToWireName()
                : string.Create(CultureInfo.InvariantCulture, $"{value} {(value == 1 && rule.Unit() != "percent" ? rule.Unit().TrimEnd('s') : rule.Unit())}");
}
