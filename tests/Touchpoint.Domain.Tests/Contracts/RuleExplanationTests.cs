using System.Text.Json;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Orders;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>Issue 19: a rule id on a page links to one line that explains it, so every rule the code names has one.</summary>
public sealed class RuleExplanationTests
{
    public static TheoryData<string> RulesTheCodeNames()
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal)
        {
            ConsumerContracts.RuleId, NonConformityKinds.RuleId, PortOutRules.RuleId, DisputeBodies.RuleId, "CRD-11a", "DE-312k", "TP-1", "TP-2", "TP-4", "EU-102", "EU-107",
        };
        using var law = JsonDocument.Parse(ContractRuleBook.LawJson);
        foreach (var jurisdiction in law.RootElement.GetProperty("jurisdictions").EnumerateObject())
        {
            foreach (var value in jurisdiction.Value.EnumerateObject())
            {
                ids.Add(value.Value.GetProperty("rule").GetString()!);
            }
        }

        return [.. ids];
    }

    [Theory]
    [MemberData(nameof(RulesTheCodeNames))]
    public void Every_rule_the_code_names_has_a_one_line_explanation(string ruleId)
    {
        var oneLine = RuleExplanations.Explain(ruleId);
        Assert.False(string.IsNullOrWhiteSpace(oneLine), $"{ruleId} has no explanation.");
        Assert.DoesNotContain('\n', oneLine);
    }

    [Fact]
    public void A_rule_is_explained_once() =>
        Assert.Equal(RuleExplanations.All.Count, RuleExplanations.All.Select(r => r.RuleId).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void An_operators_own_rule_has_no_explanation_of_ours() => Assert.Null(RuleExplanations.Explain("OP-1"));
}
