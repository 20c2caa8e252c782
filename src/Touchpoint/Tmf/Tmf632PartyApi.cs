// TMF632 Party Management v4 — /tmf-api/party/v4/individual and /organization — read-only views of the
// party behind a customer. In Touchpoint the party is the customer itself: an Individual (kind person) or
// an Organization (kind business) has the customer's id, and TMF629's engagedParty points here.
//
//   Individual   fullName = formattedName = the customer's name; familyName = its last word, givenName = the
//                words before it (a one-word name is a familyName only); contactMedium as in TMF629 (phone,
//                email, postalAddress); individualIdentification = national ids (identificationType
//                "nationalId", issuingAuthority = the jurisdiction); externalReference = legacy ids of merged
//                brands (externalReferenceType "legacyId"); partyCharacteristic = jurisdiction and contact
//                preferences (names as in TMF629); relatedParty = the customer (role "customer");
//                status "validated" (IndividualStateType; the identity checks ran when it was recorded). A record
//                merged into another has no status (no IndividualStateType fits; an Organization is "closed")
//                and a relatedParty "mergedInto" pointing at the survivor.
//   Organization a business customer as above (name, tradingName, isLegalEntity, identifications as
//                organizationIdentification), or a partner agency that acts for the operator
//                (organizationType "partnerAgency"): PartyInteractions refer to agencies here.
//
// PATCH (JSON merge patch, one transaction through CustomerCommands, as TMF629's) changes the customer behind the
// party: an Individual's fullName (formattedName is the same name; givenName / familyName replace those words of it),
// an Organization's name (tradingName alike), contactMedium and partyCharacteristic (as TMF629's contactMedium and
// characteristic: phone and e-mail added as identities, addresses and preferences replaced, nationalId / legacyId
// added, jurisdiction fixed). Any other field is a 400 naming it instead of being ignored (href, @baseType and
// @schemaLocation may be sent back as read). A partner agency is not a customer's party: PATCH of one is a 409.
//
// A party changing type. TMF632 keeps Individual and Organization as separate resources and has no operation that
// moves a party between them; a client would have to create an Organization and re-point every reference to it,
// losing the customer's history. In Touchpoint the party is the customer itself, and a person may really start buying
// for a business (or back), so a PATCH may name the other type in "@type": {"@type": "Organization", "name": "…"} on
// /individual/{id} changes the customer's kind, with the rest of the patch read as the new type's fields. The answer
// is the party in its new type, with Content-Location naming its new path (/organization/{id}); the old path answers
// 404 from then on, as it would for any party of the other type, and TMF629's engagedParty follows. The id stays the
// same. Contracts sold while the customer was a consumer keep the consumer rights they were sold with (TP-5); the
// change is on the customer's timeline and in the audit (old → new). TMF629's PATCH of engagedParty.@referredType and
// PATCH /api/customers/{id} {"kind"} do the same.
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;
using Touchpoint.Features.Audit;

namespace Touchpoint.Tmf;

public sealed record TmfIdentification
{
    public string? IdentificationId { get; init; }
    public string? IdentificationType { get; init; }
    public string? IssuingAuthority { get; init; }
}

public sealed record TmfExternalReference
{
    public string? ExternalReferenceType { get; init; }
    public string? Name { get; init; }
}

public sealed record TmfIndividual
{
    [DataSubject]
    public required string Id { get; init; }
    public required string Href { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? FullName { get; init; }
    public string? FormattedName { get; init; }
    public IReadOnlyList<TmfContactMedium>? ContactMedium { get; init; }
    public IReadOnlyList<TmfIdentification>? IndividualIdentification { get; init; }
    public IReadOnlyList<TmfExternalReference>? ExternalReference { get; init; }
    public IReadOnlyList<TmfCharacteristic>? PartyCharacteristic { get; init; }
    public IReadOnlyList<TmfRelatedParty>? RelatedParty { get; init; }
    public string? Status { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "Individual";
}

public sealed record TmfOrganization
{
    /// <summary>A business customer's id, or a partner agency's (which names no customer, and is found as none).</summary>
    [DataSubject]
    public required string Id { get; init; }
    public required string Href { get; init; }
    public string? Name { get; init; }
    public string? TradingName { get; init; }
    public bool? IsLegalEntity { get; init; }
    public string? OrganizationType { get; init; }
    public IReadOnlyList<TmfContactMedium>? ContactMedium { get; init; }
    public IReadOnlyList<TmfIdentification>? OrganizationIdentification { get; init; }
    public IReadOnlyList<TmfExternalReference>? ExternalReference { get; init; }
    public IReadOnlyList<TmfCharacteristic>? PartyCharacteristic { get; init; }
    public IReadOnlyList<TmfRelatedParty>? RelatedParty { get; init; }
    public string? Status { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "Organization";
}

public static class Tmf632PartyApi
{
    public const string PartnerAgencyType = "partnerAgency";

    public static IEndpointRouteBuilder MapTmf632PartyApi(this IEndpointRouteBuilder app)
    {
        var individuals = app.MapGroup(TmfConventions.IndividualPath).WithTags("TMF632 Party").RequireAuthorization(Policies.OwnStaff);
        individuals.MapGet("/", ListIndividuals).WithSummary("The persons behind customers, paged (offset, limit); fields selects attributes.");
        individuals.MapGet("/{id}", GetIndividual).WithSummary("The person behind a customer (same id); a read of personal data, audited.");
        individuals.MapPatch("/{id}", Tmf632PartyPatch.PatchIndividual)
            .WithSummary("Merge-patch the person's name, contact media and characteristics; \"@type\": \"Organization\" makes the customer a business.");

        var organizations = app.MapGroup(TmfConventions.OrganizationPath).WithTags("TMF632 Party").RequireAuthorization(Policies.OwnStaff);
        organizations.MapGet("/", ListOrganizations).WithSummary("Business customers, paged (offset, limit); fields selects attributes.");
        organizations.MapGet("/{id}", GetOrganization).WithSummary("A business customer (same id as the customer) or a partner agency.");
        organizations.MapPatch("/{id}", Tmf632PartyPatch.PatchOrganization)
            .WithSummary("Merge-patch a business customer's name, contact media and characteristics; \"@type\": \"Individual\" makes it a person.");
        return app;
    }

    internal static Task<Results<TmfResource<List<TmfIndividual>>, ValidationProblem>> ListIndividuals(
        int? offset, int? limit, string? fields, HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken) =>
        ListAsync<TmfIndividual>(CustomerKind.Person, offset, limit, fields, response, db, ToIndividual, cancellationToken);

    internal static Task<Results<TmfResource<List<TmfOrganization>>, ValidationProblem>> ListOrganizations(
        int? offset, int? limit, string? fields, HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken) =>
        ListAsync<TmfOrganization>(CustomerKind.Business, offset, limit, fields, response, db, ToOrganization, cancellationToken);

    internal static async Task<Results<TmfResource<TmfIndividual>, ValidationProblem, NotFoundProblem>> GetIndividual(
        string id, string? fields, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryParseFields<TmfIndividual>(fields, out var selected, out var problem))
        {
            return problem!;
        }

        var found = await Tmf629CustomerApi.LoadAsync(db, id, cancellationToken);
        if (found is not { Customer.Kind: CustomerKind.Person } person)
        {
            return TmfConventions.NotFound("individual", id);
        }

        readAudit.Record(nameof(Customer), person.Customer.Id.ToString(), "TMF632 individual");
        return TmfConventions.One(ToIndividual(person.Customer, person.Identities), selected);
    }

    internal static async Task<Results<TmfResource<TmfOrganization>, ValidationProblem, NotFoundProblem>> GetOrganization(
        string id, string? fields, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryParseFields<TmfOrganization>(fields, out var selected, out var problem))
        {
            return problem!;
        }

        var found = await Tmf629CustomerApi.LoadAsync(db, id, cancellationToken);
        if (found is { Customer.Kind: CustomerKind.Business } business)
        {
            readAudit.Record(nameof(Customer), business.Customer.Id.ToString(), "TMF632 organization");
            return TmfConventions.One(ToOrganization(business.Customer, business.Identities), selected);
        }

        if (Guid.TryParse(id, out var agencyId)
            && await db.PartnerAgencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agencyId, cancellationToken) is { } agency)
        {
            return TmfConventions.One(ToOrganization(agency), selected);
        }

        return TmfConventions.NotFound("organization", id);
    }

    public static TmfIndividual ToIndividual(Customer customer, IEnumerable<CustomerIdentity> identities)
    {
        var id = customer.Id.ToString();
        var list = identities.ToList();
        var words = customer.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new TmfIndividual
        {
            Id = id,
            Href = $"{TmfConventions.IndividualPath}/{id}",
            GivenName = words.Length > 1 ? string.Join(' ', words[..^1]) : null,
            FamilyName = words.Length > 0 ? words[^1] : null,
            FullName = customer.Name,
            FormattedName = customer.Name,
            ContactMedium = TmfCustomerMapping.ContactMedia(customer, list),
            IndividualIdentification = NullIfEmpty(NationalIds(customer, list)),
            ExternalReference = NullIfEmpty(LegacyIds(list)),
            PartyCharacteristic = TmfCustomerMapping.Characteristics(customer, identities: null),
            RelatedParty = RelatedParties(customer, TmfConventions.IndividualPath, "Individual"),
            Status = customer.Status == CustomerStatus.Merged ? null : "validated",
        };
    }

    public static TmfOrganization ToOrganization(Customer customer, IEnumerable<CustomerIdentity> identities)
    {
        var id = customer.Id.ToString();
        var list = identities.ToList();
        return new TmfOrganization
        {
            Id = id,
            Href = $"{TmfConventions.OrganizationPath}/{id}",
            Name = customer.Name,
            TradingName = customer.Name,
            IsLegalEntity = true,
            OrganizationType = "businessCustomer",
            ContactMedium = TmfCustomerMapping.ContactMedia(customer, list),
            OrganizationIdentification = NullIfEmpty(NationalIds(customer, list)),
            ExternalReference = NullIfEmpty(LegacyIds(list)),
            PartyCharacteristic = TmfCustomerMapping.Characteristics(customer, identities: null),
            RelatedParty = RelatedParties(customer, TmfConventions.OrganizationPath, "Organization"),
            Status = customer.Status == CustomerStatus.Merged ? "closed" : "validated",
        };
    }

    public static TmfOrganization ToOrganization(PartnerAgency agency) => new()
    {
        Id = agency.Id.ToString(),
        Href = $"{TmfConventions.OrganizationPath}/{agency.Id}",
        Name = agency.Name,
        TradingName = agency.Name,
        IsLegalEntity = true,
        OrganizationType = PartnerAgencyType,
        Status = "validated",
    };

    private static async Task<Results<TmfResource<List<T>>, ValidationProblem>> ListAsync<T>(
        CustomerKind kind, int? offset, int? limit, string? fields, HttpResponse response, TouchpointDbContext db,
        Func<Customer, IEnumerable<CustomerIdentity>, T> map, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryListQuery<T>(offset, limit, fields, out var page, out var selected, out var problem))
        {
            return problem!;
        }

        // Merged records are pointers to their survivor, not parties of their own.
        var query = db.Customers.AsNoTracking().Where(c => c.Kind == kind && c.Status == CustomerStatus.Active);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(c => c.NameKey).ThenBy(c => c.Id).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        var identities = await Tmf629CustomerApi.IdentitiesOfAsync(db, rows.Select(c => c.Id).ToList(), cancellationToken);
        return TmfConventions.List(response, rows.Select(c => map(c, identities[c.Id])).ToList(), total, selected);
    }

    /// <summary>The customer the party is, and for a merged record the party it now lives on as.</summary>
    private static List<TmfRelatedParty> RelatedParties(Customer customer, string partyPath, string partyType) =>
        customer is { Status: CustomerStatus.Merged, MergedIntoId: { } survivor }
            ? [CustomerRef(customer), new TmfRelatedParty { Id = survivor.ToString(), Href = $"{partyPath}/{survivor}", Role = "mergedInto", ReferredType = partyType }]
            : [CustomerRef(customer)];

    private static TmfRelatedParty CustomerRef(Customer customer) => new()
    {
        Id = customer.Id.ToString(),
        Href = $"{TmfConventions.CustomerPath}/{customer.Id}",
        Role = "customer",
        ReferredType = "Customer",
    };

    private static List<TmfIdentification> NationalIds(Customer customer, List<CustomerIdentity> identities) =>
        identities.Where(i => i.Kind == IdentityKind.NationalId.ToWireName()).OrderBy(i => i.Value, StringComparer.Ordinal)
            .Select(i => new TmfIdentification
            {
                IdentificationType = TmfCustomerMapping.NationalId,
                IdentificationId = i.Value.Contains(':', StringComparison.Ordinal) ? i.Value[(i.Value.IndexOf(':', StringComparison.Ordinal) + 1)..] : i.Value,
                IssuingAuthority = customer.Jurisdiction,
            })
            .ToList();

    private static List<TmfExternalReference> LegacyIds(List<CustomerIdentity> identities) =>
        identities.Where(i => i.Kind == IdentityKind.LegacyId.ToWireName()).OrderBy(i => i.Value, StringComparer.Ordinal)
            .Select(i => new TmfExternalReference { ExternalReferenceType = TmfCustomerMapping.LegacyId, Name = i.Value })
            .ToList();

    private static List<T>? NullIfEmpty<T>(List<T> items) => items.Count == 0 ? null : items;
}
