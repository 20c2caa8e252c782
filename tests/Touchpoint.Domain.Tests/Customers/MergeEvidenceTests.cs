using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Customers.NationalIds;

namespace Touchpoint.Domain.Tests.Customers;

public sealed class MergeEvidenceTests
{
    private const string Karin = "KARIN FLYTT";

    // Karin, born 12 March 1985: her Swedish personnummer and her Danish CPR number (1st serial digit 1: the 1900s).
    private static readonly RecordIdentity SwedishId = new(IdentityKind.NationalId, $"SE:19{CheckDigits.SwedishTenDigits("850312123")}");
    private static readonly RecordIdentity DanishId = new(IdentityKind.NationalId, "DK:1203851234");
    private static readonly RecordIdentity Phone = new(IdentityKind.Msisdn, "+46731234567");

    private static MergeParty Party(string name, Jurisdiction jurisdiction, params RecordIdentity[] identities) => new(name, jurisdiction, identities);

    [Fact]
    public void Records_sharing_an_identity_are_one_person_and_the_evidence_names_its_kind_not_its_value()
    {
        var assessment = MergeEvidence.Assess(Party(Karin, Jurisdiction.SE, Phone), Party("K FLYTT", Jurisdiction.SE, Phone), moved: false);

        Assert.Equal(MergeVerdict.OnePerson, assessment.Verdict);
        Assert.Equal("both records hold the same msisdn", assessment.Summary);
        Assert.DoesNotContain(Phone.Value, assessment.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_who_moved_is_one_person_by_name_and_the_birth_date_in_both_national_ids()
    {
        var assessment = MergeEvidence.Assess(Party(Karin, Jurisdiction.SE, SwedishId), Party(Karin, Jurisdiction.DK, DanishId), moved: true);

        Assert.Equal(MergeVerdict.OnePerson, assessment.Verdict);
        Assert.Equal(["the person moved (DK → SE)", "the same name and the same birth date in their national ids"], assessment.Evidence);
    }

    [Fact]
    public void Records_under_two_jurisdictions_are_refused_unless_the_person_moved()
    {
        var assessment = MergeEvidence.Assess(Party(Karin, Jurisdiction.SE, SwedishId, Phone), Party(Karin, Jurisdiction.DK, DanishId, Phone), moved: false);

        Assert.Equal(MergeVerdict.Refused, assessment.Verdict);
        Assert.Contains("different jurisdictions (DK → SE)", assessment.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_name_alone_is_for_a_lead_to_decide()
    {
        var assessment = MergeEvidence.Assess(Party(Karin, Jurisdiction.SE, SwedishId), Party(Karin, Jurisdiction.SE, Phone), moved: false);

        Assert.Equal(MergeVerdict.Unproven, assessment.Verdict);
        Assert.Equal("the same name, but no national id on both to show the same birth date", assessment.Summary);
    }

    [Fact]
    public void Strangers_are_for_a_lead_to_decide()
    {
        var assessment = MergeEvidence.Assess(Party(Karin, Jurisdiction.SE, SwedishId), Party("HENRIK TELENOR", Jurisdiction.SE, Phone), moved: false);

        Assert.Equal((MergeVerdict.Unproven, "no shared identity, and different names"), (assessment.Verdict, assessment.Summary));
    }

    [Fact]
    public void Two_national_ids_of_one_country_are_two_people_even_with_the_same_name_and_birth_date()
    {
        var twin = new RecordIdentity(IdentityKind.NationalId, $"SE:19{CheckDigits.SwedishTenDigits("850312124")}");

        var assessment = MergeEvidence.Assess(Party(Karin, Jurisdiction.SE, SwedishId), Party(Karin, Jurisdiction.SE, twin), moved: false);

        Assert.Equal(MergeVerdict.Unproven, assessment.Verdict);
        Assert.Contains("different national ids of the same country", assessment.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SE:198503721234", "1985-03-12")] // a coordination number: day + 60
    [InlineData("DK:1203851234", "1985-03-12")]
    [InlineData("DK:1203154234", "2015-03-12")] // serial digit 4, year ≤ 36: the 2000s
    [InlineData("FI:120385-123A", "1985-03-12")]
    [InlineData("FI:120315A123A", "2015-03-12")]
    [InlineData("NO:52038512345", "1985-03-12")] // a D-number: day + 40
    [InlineData("NL:123456782", null)]
    [InlineData("not an id", null)]
    public void A_stored_national_id_tells_the_birth_date_where_its_scheme_carries_one(string canonical, string? birthDate)
    {
        Assert.Equal(birthDate is null ? null : DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture), NationalIdBirthDates.Of(canonical));
    }
}
