using Touchpoint.Domain.Interactions;

namespace Touchpoint.Domain.Orders;

/// <summary>Who asked for a number to leave us (EU-106-6).</summary>
public enum PortOutRequester
{
    /// <summary>The receiving operator, leading the switch on the customer's request: the normal path.</summary>
    RecipientOperator,

    /// <summary>The customer themselves, in person, on the phone or online, verified by us.</summary>
    Customer,
}

/// <summary>
/// What a receiving operator's porting request carries to show it is the customer's own: one of these, matched against
/// the number's holder on file. Which ones a country accepts is <see cref="PortOutRules.AcceptedProofs"/>.
/// </summary>
public enum PortingIdentityProof
{
    /// <summary>The holder's national id (personal or organisation number).</summary>
    NationalId,

    /// <summary>The holder's customer number with us (our id or a merged brand's) and their name.</summary>
    CustomerNumberAndName,

    /// <summary>The number being ported and the holder's name.</summary>
    NumberAndName,
}

/// <summary>How we made sure a customer who instructs a port-out themselves is who they say.</summary>
public enum CustomerVerification
{
    /// <summary>An electronic id (BankID, MitID, DigiD, BankID Norge, Finnish bank ids or Mobiilivarmenne, the German eID).</summary>
    ElectronicId,

    /// <summary>An identity document shown in a store.</summary>
    IdDocument,

    /// <summary>A one-time code sent to the contact details on file and read back.</summary>
    OneTimeCode,
}

public static class PortOutRequesters
{
    private static readonly WireNameTable<PortOutRequester> Table = new(
        "porting requester",
        (PortOutRequester.RecipientOperator, "recipientOperator"),
        (PortOutRequester.Customer, "customer"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this PortOutRequester requester) => Table.NameOf(requester);

    public static bool TryParse(string? text, out PortOutRequester value, out string error) => Table.TryParse(text, out value, out error);
}

public static class PortingIdentityProofs
{
    private static readonly WireNameTable<PortingIdentityProof> Table = new(
        "porting identity proof",
        (PortingIdentityProof.NationalId, "nationalId"),
        (PortingIdentityProof.CustomerNumberAndName, "customerNumberAndName"),
        (PortingIdentityProof.NumberAndName, "numberAndName"));

    public static string ToWireName(this PortingIdentityProof proof) => Table.NameOf(proof);

    public static bool TryParse(string? text, out PortingIdentityProof value, out string error) => Table.TryParse(text, out value, out error);

    /// <summary>"their national id", "their customer number and name", "the number and their name".</summary>
    public static string Describe(this PortingIdentityProof proof) => proof switch
    {
        PortingIdentityProof.NationalId => "their national id",
        PortingIdentityProof.CustomerNumberAndName => "their customer number and name",
        _ => "the number and their name",
    };
}

public static class CustomerVerifications
{
    private static readonly WireNameTable<CustomerVerification> Table = new(
        "customer verification",
        (CustomerVerification.ElectronicId, "eId"),
        (CustomerVerification.IdDocument, "idDocument"),
        (CustomerVerification.OneTimeCode, "oneTimeCode"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this CustomerVerification verification) => Table.NameOf(verification);

    public static bool TryParse(string? text, out CustomerVerification value, out string error) => Table.TryParse(text, out value, out error);
}

/// <summary>
/// A port-out request as presented with the order: who asked, the receiving operator's porting (switch) reference, and
/// the identity it carries — national id, customer number, name, the number — or, when the customer asked themselves,
/// how we verified them and where they asked. Identity values are canonical (see <see cref="PortOutRules.TryNormalize"/>).
/// </summary>
public sealed record PortOutRequest(
    PortOutRequester RequestedBy,
    string? Reference = null,
    string? NationalId = null,
    string? CustomerNumber = null,
    string? CustomerName = null,
    string? Msisdn = null,
    CustomerVerification? VerifiedBy = null,
    InteractionChannel? Channel = null);

/// <summary>The number's holder as we have them on file; every value canonical.</summary>
/// <param name="CustomerNumbers">Our customer id and the legacy ids of merged brands.</param>
public sealed record PortOutHolder(string Name, string Msisdn, IReadOnlyCollection<string> NationalIds, IReadOnlyCollection<string> CustomerNumbers);

/// <summary>One thing wrong with a port-out's request; <paramref name="Field"/> is relative to the order item (portingRequest.reference, recipientOperator).</summary>
public sealed record PortOutProblem(string Field, string Message);

/// <summary>Whether a port-out may be scheduled, and on what: the identity proof matched, or how the customer was verified.</summary>
public sealed record PortOutDecision(IReadOnlyList<PortOutProblem> Problems, PortingIdentityProof? MatchedBy = null, CustomerVerification? VerifiedBy = null)
{
    public bool IsAuthorised => Problems.Count == 0;

    /// <summary>What the request was accepted on, as stored and shown: a proof's or a verification's wire name.</summary>
    public string? Basis => MatchedBy?.ToWireName() ?? VerifiedBy?.ToWireName();
}
