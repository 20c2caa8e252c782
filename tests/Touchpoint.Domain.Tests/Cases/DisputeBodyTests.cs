using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Cases;

public sealed class DisputeBodyTests
{
    [Theory]
    [InlineData(Jurisdiction.SE, "Allmänna reklamationsnämnden (ARN)", "https://www.arn.se/")]
    [InlineData(Jurisdiction.DK, "Teleankenævnet", "https://teleanke.dk/")]
    [InlineData(Jurisdiction.NL, "Geschillencommissie Telecommunicatie", "https://www.degeschillencommissie.nl/")]
    [InlineData(Jurisdiction.NO, "Brukerklagenemnda (BKN)", "https://www.brukerklagenemnda.no/")]
    [InlineData(Jurisdiction.FI, "Kuluttajariitalautakunta", "https://www.kuluttajariita.fi/")]
    [InlineData(Jurisdiction.DE, "Schlichtungsstelle Telekommunikation der Bundesnetzagentur", "https://www.bundesnetzagentur.de/schlichtungsstelle")]
    public void Each_jurisdiction_has_its_dispute_body(Jurisdiction jurisdiction, string name, string website)
    {
        var body = DisputeBodies.For(jurisdiction);

        Assert.Equal(jurisdiction, body.Jurisdiction);
        Assert.Equal(name, body.Name);
        Assert.Equal(new Uri(website), body.Website);
        Assert.Contains(body.Website.Host.Replace("www.", "", StringComparison.Ordinal), body.ReadOut, StringComparison.Ordinal);
    }

    [Fact]
    public void The_read_out_text_is_one_sentence_naming_the_body()
    {
        Assert.All(Enum.GetValues<Jurisdiction>(), jurisdiction =>
        {
            var body = DisputeBodies.For(jurisdiction);
            Assert.EndsWith(".", body.ReadOut, StringComparison.Ordinal);
            Assert.Single(body.ReadOut.Split(". ", StringSplitOptions.None));
            Assert.Contains(body.Name.Split(" (")[0], body.ReadOut, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Only_in_Denmark_must_the_disputed_amount_be_held_and_the_service_kept()
    {
        Assert.Equal(
            [Jurisdiction.DK],
            Enum.GetValues<Jurisdiction>().Where(j => DisputeBodies.For(j).DisputedAmountOnHold));
        Assert.Contains("will not cut your service", DisputeBodies.For(Jurisdiction.DK).ReadOut, StringComparison.Ordinal);
    }

    [Fact]
    public void The_customer_is_told_only_when_a_complaint_is_rejected()
    {
        Assert.Equal(DisputeBodies.For(Jurisdiction.NO), DisputeBodies.ToTellCustomer(CaseType.Complaint, CaseStatus.Rejected, Jurisdiction.NO));
        Assert.Null(DisputeBodies.ToTellCustomer(CaseType.Complaint, CaseStatus.Resolved, Jurisdiction.NO));
        Assert.Null(DisputeBodies.ToTellCustomer(CaseType.Request, CaseStatus.Rejected, Jurisdiction.NO));
    }
}
