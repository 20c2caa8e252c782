using System.Collections.Frozen;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Orders;

/// <summary>
/// EU-106-6: switching and porting are led by the receiving operator on the customer's request; we, the losing operator,
/// act only on that request — the receiving operator's porting request carrying the customer's authorisation (its porting
/// reference and the customer's identity) — or on the customer's own instruction once we have verified them. Nobody is
/// ported away against their will, so a port-out without either is never scheduled.
/// </summary>
/// <remarks>
/// Which identity a porting request must carry is set per country, as the national porting schemes do; the EU base
/// applies where a country sets nothing. The country values follow the national schemes as far as they are known here
/// and are <i>(unverified)</i> in the sense of RULES.md: SE and NO match porting requests on the personal or organisation
/// number, and so does FI on the henkilötunnus (or business id); DK on the CPR number or the customer number with the
/// name; NL does not use the citizen service number (its use is restricted by law), and Germany has no national id a
/// customer may be identified by, so there the customer number or the number itself goes with the name.
/// </remarks>
public static class PortOutRules
{
    public const string RuleId = "EU-106-6";

    /// <summary>Porting references are the receiving operator's own (free text); this bounds what is stored.</summary>
    public const int MaxReferenceLength = 64;

    private static readonly IReadOnlyList<PortingIdentityProof> EuBase = [PortingIdentityProof.NationalId, PortingIdentityProof.CustomerNumberAndName];

    private static readonly FrozenDictionary<Jurisdiction, IReadOnlyList<PortingIdentityProof>> ByJurisdiction =
        new Dictionary<Jurisdiction, IReadOnlyList<PortingIdentityProof>>
        {
            [Jurisdiction.SE] = [PortingIdentityProof.NationalId],
            [Jurisdiction.NO] = [PortingIdentityProof.NationalId],
            [Jurisdiction.DK] = [PortingIdentityProof.NationalId, PortingIdentityProof.CustomerNumberAndName],
            [Jurisdiction.NL] = [PortingIdentityProof.CustomerNumberAndName, PortingIdentityProof.NumberAndName],
            [Jurisdiction.FI] = [PortingIdentityProof.NationalId],
            [Jurisdiction.DE] = [PortingIdentityProof.CustomerNumberAndName, PortingIdentityProof.NumberAndName],
        }.ToFrozenDictionary();

    /// <summary>The identities a porting request may carry in <paramref name="jurisdiction"/>; any one of them, matched, is enough.</summary>
    public static IReadOnlyList<PortingIdentityProof> AcceptedProofs(Jurisdiction jurisdiction) => ByJurisdiction.GetValueOrDefault(jurisdiction, EuBase);

    /// <summary>"their national id, or their customer number and name".</summary>
    public static string DescribeAccepted(Jurisdiction jurisdiction) => string.Join(", or ", AcceptedProofs(jurisdiction).Select(p => p.Describe()));

    /// <summary>
    /// The request with its identity values in canonical form (national id and number as the customer's country writes
    /// them, a customer number as our id or a legacy id), or the first value that is not what it claims to be: bad input,
    /// told apart from a request that is well formed but not the customer's (<see cref="Check"/>).
    /// </summary>
    /// <param name="today">Reads the century of a Swedish 10-digit personal number.</param>
    public static bool TryNormalize(PortOutRequest request, Jurisdiction jurisdiction, DateOnly today, out PortOutRequest normalized, out PortOutProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        normalized = request;
        problem = null;
        var reference = Blank(request.Reference) ? null : request.Reference!.Trim();
        if (reference is { Length: > MaxReferenceLength })
        {
            problem = new("portingRequest.reference", $"The porting reference is at most {MaxReferenceLength} characters.");
            return false;
        }

        string? nationalId = null;
        if (!Blank(request.NationalId) && !IdentityNormalizer.TryNormalize(IdentityKind.NationalId, request.NationalId, jurisdiction, today, out nationalId, out var idError))
        {
            problem = new("portingRequest.nationalId", idError);
            return false;
        }

        string? msisdn = null;
        if (!Blank(request.Msisdn) && !IdentityNormalizer.TryNormalize(IdentityKind.Msisdn, request.Msisdn, jurisdiction, out msisdn, out var numberError))
        {
            problem = new("portingRequest.msisdn", numberError);
            return false;
        }

        string? customerNumber = null;
        if (!Blank(request.CustomerNumber))
        {
            var text = request.CustomerNumber!.Trim();
            if (Guid.TryParse(text, out var id))
            {
                customerNumber = id.ToString();
            }
            else if (!IdentityNormalizer.TryNormalize(IdentityKind.LegacyId, text, jurisdiction, out customerNumber, out _))
            {
                problem = new("portingRequest.customerNumber", $"'{text}' is not a customer number: give our customer id, or a merged brand's number as brand:number.");
                return false;
            }
        }

        string? name = null;
        if (!Blank(request.CustomerName) && !CustomerNames.TryValidate(request.CustomerName, out name, out var nameError))
        {
            problem = new("portingRequest.customerName", nameError);
            return false;
        }

        normalized = request with { Reference = reference, NationalId = nationalId, Msisdn = msisdn, CustomerNumber = customerNumber, CustomerName = name };
        return true;
    }

    /// <summary>
    /// May the number of <paramref name="holder"/> be ported out on <paramref name="request"/> (normalized)? Every missing
    /// or mismatching part is named, each with the rule; a mismatch never says what is on file.
    /// </summary>
    /// <param name="recipientOperator">Where the number goes, as the order names it.</param>
    public static PortOutDecision Check(Jurisdiction jurisdiction, PortOutRequest? request, string? recipientOperator, PortOutHolder holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        if (request is null)
        {
            return new([new("portingRequest",
                $"A port-out needs the customer's request on record ({RuleId}): the receiving operator's porting request with its reference and the " +
                $"customer's identity ({DescribeAccepted(jurisdiction)}), or the customer's own instruction, verified. Nothing was scheduled.")]);
        }

        if (request.RequestedBy == PortOutRequester.Customer)
        {
            return request.VerifiedBy is { } verification
                ? new([], VerifiedBy: verification)
                : new([new("portingRequest.verifiedBy",
                    $"The customer's own instruction counts once we have verified who they are ({RuleId}): say how ({string.Join(", ", CustomerVerifications.WireNames)}).")]);
        }

        var problems = new List<PortOutProblem>();
        if (Blank(recipientOperator))
        {
            problems.Add(new("recipientOperator", $"A porting request comes from the receiving operator: name it in recipientOperator ({RuleId})."));
        }

        if (Blank(request.Reference))
        {
            problems.Add(new("portingRequest.reference", $"The receiving operator's porting reference is missing ({RuleId})."));
        }

        var accepted = AcceptedProofs(jurisdiction);
        var matched = accepted.Cast<PortingIdentityProof?>().FirstOrDefault(proof => IsGiven(proof!.Value, request) && Matches(proof.Value, request, holder));
        if (matched is null)
        {
            problems.Add(IdentityProblem(jurisdiction, accepted, request, holder));
        }

        return problems.Count == 0 ? new([], MatchedBy: matched) : new(problems);
    }

    private static PortOutProblem IdentityProblem(Jurisdiction jurisdiction, IReadOnlyList<PortingIdentityProof> accepted, PortOutRequest request, PortOutHolder holder)
    {
        // A proof given in full that does not match: the request is someone else's, or mistyped. Say which part, never what is on file.
        if (accepted.Where(proof => IsGiven(proof, request)).Select(FieldsOf).FirstOrDefault() is { } given)
        {
            var wrong = given.First(field => !field.Matches(request, holder));
            return new($"portingRequest.{wrong.Name}",
                $"The porting request's {wrong.Described} does not match the holder of {holder.Msisdn} on file ({RuleId}): the request is not the customer's.");
        }

        // Nothing usable given: name the first missing part of the proof the request began with, else of the country's first.
        var begun = accepted.Select(FieldsOf).FirstOrDefault(fields => fields.Any(field => !Blank(field.Presented(request)))) ?? FieldsOf(accepted[0]);
        var missing = begun.First(field => Blank(field.Presented(request)));
        return new($"portingRequest.{missing.Name}",
            $"The porting request lacks the customer's identity ({RuleId}): in {jurisdiction.ToWireName()} it carries {DescribeAccepted(jurisdiction)}.");
    }

    private static bool IsGiven(PortingIdentityProof proof, PortOutRequest request) => FieldsOf(proof).All(field => !Blank(field.Presented(request)));

    private static bool Matches(PortingIdentityProof proof, PortOutRequest request, PortOutHolder holder) => FieldsOf(proof).All(field => field.Matches(request, holder));

    private static IReadOnlyList<IdentityField> FieldsOf(PortingIdentityProof proof) => proof switch
    {
        PortingIdentityProof.NationalId => [IdentityField.NationalId],
        PortingIdentityProof.CustomerNumberAndName => [IdentityField.CustomerNumber, IdentityField.CustomerName],
        _ => [IdentityField.Number, IdentityField.CustomerName],
    };

    /// <summary>One part of an identity proof: its name under portingRequest, and how it is compared with the holder on file.</summary>
    private sealed record IdentityField(string Name, string Described, Func<PortOutRequest, string?> Presented, Func<PortOutRequest, PortOutHolder, bool> Matches)
    {
        public static readonly IdentityField NationalId = new("nationalId", "national id", r => r.NationalId,
            (r, h) => h.NationalIds.Contains(r.NationalId, StringComparer.Ordinal));

        public static readonly IdentityField CustomerNumber = new("customerNumber", "customer number", r => r.CustomerNumber,
            (r, h) => h.CustomerNumbers.Contains(r.CustomerNumber, StringComparer.OrdinalIgnoreCase));

        // Names compare as search does: case, accents and spacing aside ("asa ostergard" is "Åsa Østergård").
        public static readonly IdentityField CustomerName = new("customerName", "name", r => r.CustomerName,
            (r, h) => r.CustomerName is { } name && CustomerNames.SearchKey(name) == CustomerNames.SearchKey(h.Name));

        public static readonly IdentityField Number = new("msisdn", "number", r => r.Msisdn,
            (r, h) => string.Equals(r.Msisdn, h.Msisdn, StringComparison.Ordinal));
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}
