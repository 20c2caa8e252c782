using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;
using PartyPatchResults = Microsoft.AspNetCore.Http.HttpResults.Results<
    Touchpoint.Tmf.TmfResource<Touchpoint.Tmf.TmfIndividual>, Touchpoint.Tmf.TmfResource<Touchpoint.Tmf.TmfOrganization>,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem, Touchpoint.Hosting.NotFoundProblem, Touchpoint.Hosting.ConflictProblem, Touchpoint.Hosting.CommandProblem>;

namespace Touchpoint.Tmf;

/// <summary>
/// A merge patch of an Individual or an Organization (TMF632 Individual_Update, Organization_Update). Only what
/// Touchpoint keeps can be patched; any other field is a 400 naming it, never silently ignored.
/// </summary>
public sealed record TmfPartyInput
{
    /// <summary>The party's type after the patch: Individual or Organization (see the mapping at the top of Tmf632PartyApi.cs).</summary>
    [JsonPropertyName("@type")]
    public string? Type { get; init; }

    public string? Id { get; init; }

    // An Individual's name.
    public string? FullName { get; init; }
    public string? FormattedName { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }

    // An Organization's name.
    public string? Name { get; init; }
    public string? TradingName { get; init; }

    public IReadOnlyList<TmfContactMedium?>? ContactMedium { get; init; }
    public IReadOnlyList<TmfCharacteristic?>? PartyCharacteristic { get; init; }

    /// <summary>Every other field of the body: refused by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }
}

/// <summary>PATCH of /individual/{id} and /organization/{id}: the customer behind the party changes, through <see cref="CustomerCommands"/>.</summary>
internal static class Tmf632PartyPatch
{
    private const string Individual = "Individual";
    private const string Organization = "Organization";

    /// <summary>Fields a client may send back as it read them; they change nothing.</summary>
    private static readonly HashSet<string> Descriptive = new(StringComparer.Ordinal) { "href", "@baseType", "@schemaLocation" };

    public static Task<PartyPatchResults> PatchIndividual(
        string id, TmfPartyInput input, CustomerCommands commands, TouchpointDbContext db, HttpResponse response, CancellationToken cancellationToken) =>
        PatchAsync(CustomerKind.Person, id, input, commands, db, response, cancellationToken);

    public static Task<PartyPatchResults> PatchOrganization(
        string id, TmfPartyInput input, CustomerCommands commands, TouchpointDbContext db, HttpResponse response, CancellationToken cancellationToken) =>
        PatchAsync(CustomerKind.Business, id, input, commands, db, response, cancellationToken);

    private static async Task<PartyPatchResults> PatchAsync(
        CustomerKind pathKind, string id, TmfPartyInput input, CustomerCommands commands, TouchpointDbContext db, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var resource = pathKind == CustomerKind.Person ? "individual" : "organization";
        var found = await Tmf629CustomerApi.LoadAsync(db, id, cancellationToken);
        if (found is not { } party || party.Customer.Kind != pathKind)
        {
            if (pathKind == CustomerKind.Business && Guid.TryParse(id, out var agencyId) && await db.PartnerAgencies.FindAsync([agencyId], cancellationToken) is { } agency)
            {
                return ProblemResults.Conflict($"{agency.Name} is a partner agency acting for the operator, not a customer's party; TMF632 does not change it.");
            }

            return TmfConventions.NotFound(resource, id);
        }

        var customerId = party.Customer.Id;
        if (input.OtherFields?.Keys.FirstOrDefault(field => !Descriptive.Contains(field)) is { } unknown)
        {
            return ProblemResults.Invalid(unknown,
                $"'{unknown}' cannot be changed through TMF632; a patch may change @type, the name (fullName, formattedName, givenName, familyName of an Individual; name, tradingName of an Organization), contactMedium and partyCharacteristic.");
        }

        if (input.Id is { } bodyId && !(Guid.TryParse(bodyId, out var bodyGuid) && bodyGuid == customerId))
        {
            return ProblemResults.Invalid("id", $"The id is {customerId} and cannot be changed.");
        }

        var kind = pathKind;
        if (input.Type is { } type)
        {
            if (Tmf629CustomerApi.KindOf(type) is not { } wanted)
            {
                return ProblemResults.Invalid("@type", $"A party is an {Individual} (a person) or an {Organization} (a business).");
            }

            kind = wanted;
        }

        var name = NameOf(input, kind, party.Customer.Name);
        if (name.Failure is { } invalidName)
        {
            return invalidName.ToResult();
        }

        var read = TmfCustomerMapping.Read(input.ContactMedium, input.PartyCharacteristic, "partyCharacteristic");
        if (read.Failure is { } invalid)
        {
            return invalid.ToResult();
        }

        var body = read.Value!;
        body.Map.Map("kind", "@type").Map("name", NameField(input, kind));
        var (customer, problem) = await TmfCustomerPatch.ApplyAsync(
            commands, db, customerId, name.Value, kind.ToWireName(), body, check: null, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var saved = await Tmf629CustomerApi.LoadAsync(db, id, cancellationToken);
        if (customer!.Kind != pathKind)
        {
            // The party now lives at the other type's path; this one answers 404 from now on.
            response.Headers.ContentLocation = $"{(customer.Kind == CustomerKind.Person ? TmfConventions.IndividualPath : TmfConventions.OrganizationPath)}/{customerId}";
        }

        return customer.Kind == CustomerKind.Person
            ? TmfConventions.One(Tmf632PartyApi.ToIndividual(saved!.Value.Customer, saved.Value.Identities))
            : TmfConventions.One(Tmf632PartyApi.ToOrganization(saved!.Value.Customer, saved.Value.Identities));
    }

    /// <summary>
    /// The customer's new name from the name fields of the party's type after the patch: an Individual's fullName (or
    /// formattedName, the same name here), or givenName and familyName replacing those words of the stored name; an
    /// Organization's name (or tradingName). Null when the patch names nobody.
    /// </summary>
    private static Outcome<string?> NameOf(TmfPartyInput input, CustomerKind kind, string current)
    {
        if (kind == CustomerKind.Person)
        {
            if (input.Name is not null || input.TradingName is not null)
            {
                return new Failure.Invalid(input.Name is not null ? "name" : "tradingName",
                    $"name and tradingName are an {Organization}'s; an {Individual} is named by fullName (or givenName and familyName).");
            }

            if (input.FullName is not null && input.FormattedName is not null && input.FullName != input.FormattedName)
            {
                return new Failure.Invalid("formattedName", "fullName and formattedName are the same name in Touchpoint; give one of them, or both alike.");
            }

            var full = input.FullName ?? input.FormattedName;
            if (full is not null)
            {
                return input.GivenName is null && input.FamilyName is null
                    ? full
                    : new Failure.Invalid(input.GivenName is not null ? "givenName" : "familyName", "Give fullName or givenName and familyName, not both.");
            }

            if (input.GivenName is null && input.FamilyName is null)
            {
                return (string?)null;
            }

            // As the Individual is shown: the last word is the family name, the words before it the given names.
            var words = current.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var given = input.GivenName ?? string.Join(' ', words.Length > 1 ? words[..^1] : []);
            var family = input.FamilyName ?? (words.Length > 0 ? words[^1] : "");
            return $"{given.Trim()} {family.Trim()}".Trim();
        }

        var individualField = input.FullName is not null ? "fullName"
            : input.FormattedName is not null ? "formattedName"
            : input.GivenName is not null ? "givenName"
            : input.FamilyName is not null ? "familyName"
            : null;
        if (individualField is not null)
        {
            return new Failure.Invalid(individualField, $"{individualField} is an {Individual}'s; an {Organization} is named by name (or tradingName).");
        }

        if (input.Name is not null && input.TradingName is not null && input.Name != input.TradingName)
        {
            return new Failure.Invalid("tradingName", "name and tradingName are the same name in Touchpoint; give one of them, or both alike.");
        }

        return input.Name ?? input.TradingName;
    }

    private static string NameField(TmfPartyInput input, CustomerKind kind) => kind == CustomerKind.Person
        ? input.FullName is not null ? "fullName" : input.FormattedName is not null ? "formattedName" : input.GivenName is not null ? "givenName" : "familyName"
        : input.Name is not null ? "name" : "tradingName";
}
