using Touchpoint.Domain.Promises;

namespace Touchpoint.Domain.Tests.Promises;

public sealed class PromiseLifecycleTests
{
    public static TheoryData<PromiseState, PromiseState> EveryPair()
    {
        var data = new TheoryData<PromiseState, PromiseState>();
        foreach (var from in Enum.GetValues<PromiseState>())
        {
            foreach (var to in Enum.GetValues<PromiseState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Only_an_open_promise_moves_and_only_to_an_outcome(PromiseState from, PromiseState to)
    {
        // Written out independently of the production table.
        var expected = from == PromiseState.Open && to is PromiseState.Kept or PromiseState.Broken or PromiseState.Withdrawn;
        Assert.Equal(expected, PromiseLifecycle.CanMove(from, to));
    }

    [Fact]
    public void A_broken_promise_can_never_become_kept() =>
        Assert.False(PromiseLifecycle.CanMove(PromiseState.Broken, PromiseState.Kept));

    [Fact]
    public void Every_outcome_is_final() =>
        Assert.Equal(
            [PromiseState.Kept, PromiseState.Broken, PromiseState.Withdrawn],
            Enum.GetValues<PromiseState>().Where(PromiseLifecycle.IsFinal));

    [Fact]
    public void An_unknown_state_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PromiseLifecycle.AllowedFrom((PromiseState)9));

    [Fact]
    public void Kinds_have_camel_case_wire_names() =>
        Assert.Equal(
            ["callback", "writtenReply", "technicianVisit", "refund", "resolutionByDate"],
            Enum.GetValues<PromiseKind>().Select(k => k.ToWireName()));

    [Fact]
    public void States_have_lower_case_wire_names() =>
        Assert.Equal(["open", "kept", "broken", "withdrawn"], Enum.GetValues<PromiseState>().Select(s => s.ToWireName()));

    [Fact]
    public void Wire_names_parse_back_case_insensitively()
    {
        foreach (var kind in Enum.GetValues<PromiseKind>())
        {
            Assert.True(PromiseKinds.TryParse(kind.ToWireName().ToUpperInvariant(), out var parsed, out var error), error);
            Assert.Equal(kind, parsed);
        }

        foreach (var state in Enum.GetValues<PromiseState>())
        {
            Assert.True(PromiseStates.TryParse($" {state.ToWireName()} ", out var parsed, out var error), error);
            Assert.Equal(state, parsed);
        }
    }

    [Fact]
    public void Unknown_kinds_are_refused_naming_the_allowed_ones()
    {
        Assert.False(PromiseKinds.TryParse("visit", out _, out var error));
        Assert.Equal("'visit' is not a valid promise kind; allowed values: callback, writtenReply, technicianVisit, refund, resolutionByDate.", error);
    }
}
