using Touchpoint.Domain.Subscriptions;

namespace Touchpoint.Domain.Tests.Subscriptions;

public sealed class BindingOptionsTests
{
    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 0, 12, 24 })]
    [InlineData(new[] { 24, 12, 0 })]
    [InlineData(new[] { 0, 1, 3, 6 })]
    public void Options_including_no_binding_and_at_most_24_months_are_valid(int[] months)
    {
        Assert.True(BindingOptions.TryValidate(months, out var error), error);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData(new[] { 12 })]
    [InlineData(new[] { 12, 24 })]
    public void Options_without_zero_months_are_refused(int[] months)
    {
        Assert.False(BindingOptions.TryValidate(months, out var error));
        Assert.Equal("The binding options must include 0 months: a plan is always available without binding (S0-2).", error);
    }

    [Fact]
    public void No_options_at_all_are_refused()
    {
        Assert.False(BindingOptions.TryValidate([], out var error));
        Assert.Contains("(S0-2)", error, StringComparison.Ordinal);
        Assert.False(BindingOptions.TryValidate(null, out _));
    }

    [Theory]
    [InlineData(25)]
    [InlineData(36)]
    public void Bindings_longer_than_24_months_are_refused(int months)
    {
        Assert.False(BindingOptions.TryValidate([0, months], out var error));
        Assert.Equal($"A binding of {months} months is longer than the 24 months allowed (EU-105-1).", error);
    }

    [Fact]
    public void Negative_bindings_are_refused()
    {
        Assert.False(BindingOptions.TryValidate([0, -1], out var error));
        Assert.Equal("A binding of -1 months is not possible; binding periods are 0 to 24 months.", error);
    }

    [Theory]
    [InlineData(new[] { 0, 12, 12 })]
    [InlineData(new[] { 0, 0 })]
    public void Duplicate_options_are_refused(int[] months)
    {
        Assert.False(BindingOptions.TryValidate(months, out var error));
        Assert.EndsWith("months is listed more than once.", error, StringComparison.Ordinal);
    }
}
