using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Orders;

namespace Touchpoint.Domain.Tests.Orders;

public sealed class PortOutRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Guid CustomerId = Guid.NewGuid();

    /// <summary>Åsa Östergård, SE, personal number 19811218-9876, number +46701234567, once a customer of a merged brand.</summary>
    private static readonly PortOutHolder Asa = new("Åsa Östergård", "+46701234567", [Canonical("19811218-9876", Jurisdiction.SE)], [CustomerId.ToString(), "sonofon:19960042"]);

    private static string Canonical(string nationalId, Jurisdiction jurisdiction)
    {
        Assert.True(IdentityNormalizer.TryNormalize(IdentityKind.NationalId, nationalId, jurisdiction, Today, out var canonical, out var error), error);
        return canonical;
    }

    private static PortOutRequest Normalized(PortOutRequest request, Jurisdiction jurisdiction)
    {
        Assert.True(PortOutRules.TryNormalize(request, jurisdiction, Today, out var normalized, out var problem), problem?.Message);
        return normalized;
    }

    private static PortOutDecision Check(Jurisdiction jurisdiction, PortOutRequest? request, string? recipient = "Tele2") =>
        PortOutRules.Check(jurisdiction, request is null ? null : Normalized(request, jurisdiction), recipient, Asa);

    private static PortOutRequest FromRecipient(string? nationalId = null, string? customerNumber = null, string? name = null, string? msisdn = null, string? reference = "T2-88412") =>
        new(PortOutRequester.RecipientOperator, reference, nationalId, customerNumber, name, msisdn);

    [Fact]
    public void A_port_out_without_any_request_is_refused_naming_the_rule_and_what_the_request_must_carry()
    {
        var decision = Check(Jurisdiction.SE, null);

        Assert.False(decision.IsAuthorised);
        var problem = Assert.Single(decision.Problems);
        Assert.Equal("portingRequest", problem.Field);
        Assert.Equal(
            "A port-out needs the customer's request on record (EU-106-6): the receiving operator's porting request with its reference and the customer's " +
            "identity (their national id), or the customer's own instruction, verified. Nothing was scheduled.",
            problem.Message);
    }

    [Theory]
    [InlineData("19811218-9876")]
    [InlineData("811218-9876")]
    [InlineData("SE:198112189876")]
    public void In_sweden_the_receiving_operators_request_with_the_holders_personal_number_in_any_spelling_is_enough(string typed)
    {
        var decision = Check(Jurisdiction.SE, FromRecipient(nationalId: typed));

        Assert.True(decision.IsAuthorised, string.Join(" ", decision.Problems));
        Assert.Equal((PortingIdentityProof.NationalId, "nationalId"), (decision.MatchedBy, decision.Basis));
    }

    [Fact]
    public void Someone_elses_personal_number_is_refused_as_not_the_customers_without_saying_what_is_on_file()
    {
        var decision = Check(Jurisdiction.SE, FromRecipient(nationalId: "19750315-1230"));

        var problem = Assert.Single(decision.Problems);
        Assert.Equal("portingRequest.nationalId", problem.Field);
        Assert.Equal("The porting request's national id does not match the holder of +46701234567 on file (EU-106-6): the request is not the customer's.", problem.Message);
        Assert.DoesNotContain("19811218", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_sweden_a_customer_number_and_name_do_not_replace_the_personal_number()
    {
        var decision = Check(Jurisdiction.SE, FromRecipient(customerNumber: CustomerId.ToString(), name: "Åsa Östergård"));

        var problem = Assert.Single(decision.Problems);
        Assert.Equal("portingRequest.nationalId", problem.Field);
        Assert.Equal("The porting request lacks the customer's identity (EU-106-6): in SE it carries their national id.", problem.Message);
    }

    [Theory]
    [InlineData("sonofon:19960042", "asa ostergard")]
    [InlineData("SONOFON:19960042", "ÅSA  ÖSTERGÅRD")]
    public void In_denmark_the_customer_number_of_a_merged_brand_with_the_name_spelled_loosely_is_enough(string customerNumber, string name)
    {
        var decision = Check(Jurisdiction.DK, FromRecipient(customerNumber: customerNumber, name: name));

        Assert.True(decision.IsAuthorised, string.Join(" ", decision.Problems));
        Assert.Equal("customerNumberAndName", decision.Basis);
    }

    [Fact]
    public void A_customer_number_with_another_name_names_the_name_as_the_mismatch()
    {
        var problem = Assert.Single(Check(Jurisdiction.DK, FromRecipient(customerNumber: CustomerId.ToString(), name: "Someone Else")).Problems);

        Assert.Equal("portingRequest.customerName", problem.Field);
        Assert.Contains("does not match the holder", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_begun_with_a_customer_number_but_no_name_names_the_missing_name()
    {
        var problem = Assert.Single(Check(Jurisdiction.DK, FromRecipient(customerNumber: CustomerId.ToString())).Problems);

        Assert.Equal("portingRequest.customerName", problem.Field);
        Assert.Equal("The porting request lacks the customer's identity (EU-106-6): in DK it carries their national id, or their customer number and name.", problem.Message);
    }

    [Fact]
    public void In_the_netherlands_the_number_with_the_holders_name_is_enough_and_a_national_id_is_not_asked_for()
    {
        Assert.Equal([PortingIdentityProof.CustomerNumberAndName, PortingIdentityProof.NumberAndName], PortOutRules.AcceptedProofs(Jurisdiction.NL));

        var byNumber = Check(Jurisdiction.NL, FromRecipient(msisdn: "+46 70 123 45 67", name: "Åsa Östergård"));
        Assert.True(byNumber.IsAuthorised, string.Join(" ", byNumber.Problems));
        Assert.Equal("numberAndName", byNumber.Basis);

        var otherNumber = Assert.Single(Check(Jurisdiction.NL, FromRecipient(msisdn: "+46709999999", name: "Åsa Östergård")).Problems);
        Assert.Equal("portingRequest.msisdn", otherNumber.Field);
    }

    [Fact]
    public void Every_missing_part_of_a_receiving_operators_request_is_named_at_once()
    {
        var decision = Check(Jurisdiction.SE, FromRecipient(reference: "  "), recipient: null);

        Assert.Equal(["recipientOperator", "portingRequest.reference", "portingRequest.nationalId"], decision.Problems.Select(p => p.Field));
        Assert.All(decision.Problems, p => Assert.Contains("(EU-106-6)", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_customers_own_instruction_counts_once_they_are_verified()
    {
        var unverified = Assert.Single(Check(Jurisdiction.SE, new PortOutRequest(PortOutRequester.Customer), recipient: null).Problems);
        Assert.Equal("portingRequest.verifiedBy", unverified.Field);
        Assert.Equal("The customer's own instruction counts once we have verified who they are (EU-106-6): say how (eId, idDocument, oneTimeCode).", unverified.Message);

        var verified = Check(Jurisdiction.SE, new PortOutRequest(PortOutRequester.Customer, VerifiedBy: CustomerVerification.ElectronicId), recipient: null);
        Assert.True(verified.IsAuthorised);
        Assert.Equal("eId", verified.Basis);
    }

    [Theory]
    [InlineData("19811218-9877", "portingRequest.nationalId")]
    [InlineData("not-a-number", "portingRequest.customerNumber")]
    public void Values_that_are_not_what_they_claim_are_bad_input_naming_the_field(string value, string field)
    {
        var request = field.EndsWith("nationalId", StringComparison.Ordinal) ? FromRecipient(nationalId: value) : FromRecipient(customerNumber: value);

        Assert.False(PortOutRules.TryNormalize(request, Jurisdiction.SE, Today, out _, out var problem));
        Assert.Equal(field, problem!.Field);
    }

    [Fact]
    public void A_porting_reference_is_free_text_of_bounded_length()
    {
        Assert.True(PortOutRules.TryNormalize(FromRecipient(reference: $" {new string('R', PortOutRules.MaxReferenceLength)} "), Jurisdiction.SE, Today, out var trimmed, out _));
        Assert.Equal(PortOutRules.MaxReferenceLength, trimmed.Reference!.Length);

        Assert.False(PortOutRules.TryNormalize(FromRecipient(reference: new string('R', PortOutRules.MaxReferenceLength + 1)), Jurisdiction.SE, Today, out _, out var problem));
        Assert.Equal("portingRequest.reference", problem!.Field);
    }

    [Fact]
    public void Every_country_accepts_at_least_one_identity_and_those_that_match_on_personal_numbers_accept_only_that()
    {
        Assert.All(Enum.GetValues<Jurisdiction>(), j => Assert.NotEmpty(PortOutRules.AcceptedProofs(j)));
        Assert.Equal([PortingIdentityProof.NationalId], PortOutRules.AcceptedProofs(Jurisdiction.SE));
        Assert.Equal([PortingIdentityProof.NationalId], PortOutRules.AcceptedProofs(Jurisdiction.NO));
        Assert.Equal([PortingIdentityProof.NationalId], PortOutRules.AcceptedProofs(Jurisdiction.FI));
    }

    [Fact]
    public void Germany_has_no_national_id_so_a_porting_request_carries_the_customer_number_or_the_number_with_the_name() =>
        Assert.Equal([PortingIdentityProof.CustomerNumberAndName, PortingIdentityProof.NumberAndName], PortOutRules.AcceptedProofs(Jurisdiction.DE));
}
