using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Customers;

public sealed class CustomerNamesTests
{
    [Theory]
    [InlineData("Anna Svensson", "Anna Svensson")]
    [InlineData("  Anna Svensson\t", "Anna Svensson")]
    [InlineData("Åsa", "Åsa")]
    public void Names_are_trimmed(string raw, string expected)
    {
        Assert.True(CustomerNames.TryValidate(raw, out var trimmed, out var error), error);
        Assert.Equal(expected, trimmed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_name_is_required(string? raw)
    {
        Assert.False(CustomerNames.TryValidate(raw, out _, out var error));
        Assert.Equal("A customer name is required.", error);
    }

    [Fact]
    public void Names_may_be_200_characters_but_not_201()
    {
        Assert.True(CustomerNames.TryValidate(" " + new string('a', 200) + " ", out var trimmed, out _));
        Assert.Equal(200, trimmed.Length);

        Assert.False(CustomerNames.TryValidate(new string('a', 201), out _, out var error));
        Assert.Equal("The customer name is 201 characters long; at most 200 are allowed.", error);
    }

    [Theory]
    [InlineData("Anna\nSvensson")]
    [InlineData("Anna\u0000")]
    public void Names_with_control_characters_are_refused(string raw)
    {
        Assert.False(CustomerNames.TryValidate(raw, out var trimmed, out var error));
        Assert.Contains("control character", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, trimmed);
    }

    [Theory]
    [InlineData("Åsa Östergård", "ASA OSTERGARD")]
    [InlineData("Ärlig Ärtsoppa", "ARLIG ARTSOPPA")]
    [InlineData("Søren Kierkegaard", "SOREN KIERKEGAARD")]
    [InlineData("Ærø Ø", "AERO O")]
    [InlineData("Ålborg Blåbær", "ALBORG BLABAER")]
    [InlineData("Jürgen Straße", "JURGEN STRASSE")]
    [InlineData("José Müller-Lüdenscheid", "JOSE MULLER-LUDENSCHEID")]
    [InlineData("Zoë Ñúñez Çelik", "ZOE NUNEZ CELIK")]
    [InlineData("Þórður Guðmundsson", "THORDUR GUDMUNDSSON")]
    [InlineData("Łukasz Œuvre", "LUKASZ OEUVRE")]
    [InlineData("  anna \t  van   der\u00A0Berg  ", "ANNA VAN DER BERG")]
    [InlineData("A\u030Asa", "ASA")] // å typed as a + combining ring
    [InlineData("O'Brien", "O'BRIEN")]
    [InlineData("", "")]
    public void Search_keys_fold_case_accents_Nordic_letters_and_whitespace(string name, string expected) =>
        Assert.Equal(expected, CustomerNames.SearchKey(name));

    [Fact]
    public void A_fragment_typed_without_accents_finds_the_accented_name()
    {
        var stored = CustomerNames.SearchKey("Åsa Östergård-Nørgaard");
        Assert.Contains(CustomerNames.SearchKey("ostergard"), stored, StringComparison.Ordinal);
        Assert.Contains(CustomerNames.SearchKey("NORGAARD"), stored, StringComparison.Ordinal);
        Assert.Contains(CustomerNames.SearchKey("åsa  ö"), stored, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_keys_are_stable_when_applied_twice()
    {
        var once = CustomerNames.SearchKey("Bjørn Æbelø Straße");
        Assert.Equal(once, CustomerNames.SearchKey(once));
    }
}
