using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests;

public sealed class TransitionsTests
{
    private enum Light
    {
        Red,
        Green,
        Broken,
    }

    private static readonly Transitions<Light> Lights = new(
        "A light",
        new Dictionary<Light, Light[]>
        {
            [Light.Red] = [Light.Green, Light.Broken],
            [Light.Green] = [Light.Red, Light.Broken],
            [Light.Broken] = [],
        },
        l => l.ToString().ToLowerInvariant());

    [Fact]
    public void A_table_missing_a_state_is_refused_when_it_is_built()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Transitions<Light>(
            "A light", new Dictionary<Light, Light[]> { [Light.Red] = [Light.Green] }, l => l.ToString()));

        Assert.Contains("Green, Broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_move_names_the_allowed_ones_in_wire_names()
    {
        Assert.True(Lights.TryMove(Light.Red, Light.Green, out var none));
        Assert.Equal(string.Empty, none);

        Assert.False(Lights.TryMove(Light.Red, Light.Red, out var error));
        Assert.Equal("A light that is red cannot move to red; allowed: green, broken.", error);
    }

    [Fact]
    public void A_state_without_moves_is_final_and_says_so()
    {
        Assert.True(Lights.IsFinal(Light.Broken));
        Assert.False(Lights.IsFinal(Light.Red));
        Assert.False(Lights.TryMove(Light.Broken, Light.Red, out var error));
        Assert.Equal("A light that is broken cannot move to red: broken is final.", error);
    }
}
