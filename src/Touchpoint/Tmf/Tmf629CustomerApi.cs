// TMF629 Customer Management v4 — /tmf-api/customerManagement/v4/customer — over CustomerCommands.
//
// Mapping between a TMF Customer and a Touchpoint customer:
//
//   id, href          the customer id; href = /tmf-api/customerManagement/v4/customer/{id}
//   name              Customer.Name (the person's or business's name)
//   status            "approved" for an active customer, "merged" for a record merged into another;
//                     statusReason then says into which, and relatedParty holds that survivor
//                     (role "mergedInto", @referredType "Customer"). Read-only: on create only "approved"
//                     is accepted, on PATCH only the current value (merging is POST /api/customers/{id}/merge).
//   engagedParty      the TMF632 party behind the customer, which in Touchpoint is the customer itself:
//                     same id, @referredType "Individual" (kind person) or "Organization" (kind business),
//                     href to /tmf-api/party/v4/individual|organization/{id}. On create, @referredType chooses
//                     the kind (default Individual) and engagedParty.id is ignored (the party is created with
//                     the customer). On PATCH, @referredType changes the kind (a person who starts buying for
//                     a business, or back): contracts already sold keep the consumer rights they were sold with
//                     (TP-5), and the change is on the timeline and in the audit. An engagedParty.id other than
//                     the customer's own is a 400: the party cannot be swapped for another.
//   contactMedium     identities and addresses:
//                       mediumType "phone" (or mobile/telephone), characteristic.phoneNumber → msisdn identity
//                       mediumType "email", characteristic.emailAddress                      → email identity
//                       mediumType "postalAddress", characteristic.street1 (+ street2), postCode, city,
//                         country, contactType "service" (default) or "billing"               → service / billing address
//   characteristic    name / value pairs:
//                       jurisdiction (string SE|DK|NL|NO; required on create, cannot change)
//                       nationalId (string, e.g. "19850312-1234"; shown canonical, "SE:198503121234"; repeatable)
//                       legacyId (string brand:value, e.g. "sonofon:1234567"; repeatable)
//                       preferredLanguage (string), allowedMarketingChannels (array of channel names),
//                       telemarketingOptOut, marketingObjection, neverOfferBinding (booleans)
//   validFor          startDateTime = when the customer was created
//   @type             "Customer" (no subtype: extensions travel as characteristics)
//
// PATCH is a JSON merge patch (application/merge-patch+json or application/json) of name, contactMedium
// and characteristic. Contact media, national ids and legacy ids are additions (identities are never
// dropped by a patch); addresses and preferences replace the stored ones. The whole patch is one
// transaction: if any part fails, nothing changes.
//
// Errors: 400 names the JSON path in the TMF body (e.g. contactMedium[0].characteristic.phoneNumber),
// 404 for an unknown id, 409 when an identity belongs to another customer (ownerId names that customer).
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;
using System.Text.Json.Serialization;
using Touchpoint.Features.Audit;

namespace Touchpoint.Tmf;

/// <summary>A TMF629 Customer as Touchpoint serves it.</summary>
public sealed record TmfCustomer
{
    [DataSubject]
    public required string Id { get; init; }
    public required string Href { get; init; }
    public string? Name { get; init; }
    public string? Status { get; init; }
    public string? StatusReason { get; init; }
    public TmfRelatedParty? EngagedParty { get; init; }
    public IReadOnlyList<TmfContactMedium>? ContactMedium { get; init; }
    public IReadOnlyList<TmfCharacteristic>? Characteristic { get; init; }
    public IReadOnlyList<TmfRelatedParty>? RelatedParty { get; init; }
    public TmfTimePeriod? ValidFor { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "Customer";
}

/// <summary>Customer_Create, and the merge patch of Customer_Update.</summary>
public sealed record TmfCustomerInput
{
    public string? Name { get; init; }
    public string? Status { get; init; }
    public TmfRelatedParty? EngagedParty { get; init; }
    public IReadOnlyList<TmfContactMedium?>? ContactMedium { get; init; }
    public IReadOnlyList<TmfCharacteristic?>? Characteristic { get; init; }
}

public static class Tmf629CustomerApi
{
    public const string Approved = "approved";
    public const string Merged = "merged";

    public static IEndpointRouteBuilder MapTmf629CustomerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(TmfConventions.CustomerPath).WithTags("TMF629 Customer").RequireAuthorization(Policies.OwnStaff);
        group.MapGet("/", List).WithSummary("Customers, paged (offset, limit), optionally by exact name or status (approved, merged); fields selects attributes.");
        group.MapPost("/", Create).WithSummary("Create a customer from a Customer_Create body.");
        group.MapGet("/{id}", Get).WithSummary("One customer; a read of personal data, audited.");
        group.MapPatch("/{id}", Patch).WithSummary("Merge-patch name, kind (engagedParty.@referredType), contact media (added) and characteristics (preferences, identities).");
        return app;
    }

    internal static async Task<Results<TmfResource<List<TmfCustomer>>, ValidationProblem>> List(
        int? offset, int? limit, string? fields, string? name, string? status, HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryListQuery<TmfCustomer>(offset, limit, fields, out var page, out var selected, out var problem))
        {
            return problem!;
        }

        var query = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(name))
        {
            var key = CustomerNames.SearchKey(name);
            query = query.Where(c => c.NameKey == key);
        }

        if (status is not null)
        {
            CustomerStatus? wanted = status.Trim().ToUpperInvariant() switch
            {
                "APPROVED" => CustomerStatus.Active,
                "MERGED" => CustomerStatus.Merged,
                _ => null,
            };
            if (wanted is not { } customerStatus)
            {
                return ProblemResults.Invalid("status", $"'{status}' is not a customer status; use {Approved} or {Merged}.");
            }

            query = query.Where(c => c.Status == customerStatus);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(c => c.NameKey).ThenBy(c => c.Id).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        var identities = await IdentitiesOfAsync(db, rows.Select(c => c.Id).ToList(), cancellationToken);
        return TmfConventions.List(response, rows.Select(c => ToTmf(c, identities[c.Id])).ToList(), total, selected);
    }

    internal static async Task<Results<TmfResource<TmfCustomer>, ValidationProblem, NotFoundProblem>> Get(
        string id, string? fields, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryParseFields<TmfCustomer>(fields, out var selected, out var problem))
        {
            return problem!;
        }

        var customer = await LoadAsync(db, id, cancellationToken);
        if (customer is null)
        {
            return TmfConventions.NotFound("customer", id);
        }

        readAudit.Record(nameof(Customer), customer.Value.Customer.Id.ToString(), "TMF629 customer");
        return TmfConventions.One(ToTmf(customer.Value.Customer, customer.Value.Identities), selected);
    }

    internal static async Task<Results<TmfCreated<TmfCustomer>, ValidationProblem, CommandProblem>> Create(
        TmfCustomerInput input, CustomerCommands commands, CancellationToken cancellationToken)
    {
        var kind = string.IsNullOrWhiteSpace(input.EngagedParty?.ReferredType) ? CustomerKind.Person : KindOf(input.EngagedParty.ReferredType);
        if (kind is null)
        {
            return InvalidPartyType();
        }

        if (input.Status is { } status && !status.Trim().Equals(Approved, StringComparison.OrdinalIgnoreCase))
        {
            return ProblemResults.Invalid("status", $"A new customer is {Approved}; status cannot be set otherwise.");
        }

        var read = TmfCustomerMapping.Read(input.ContactMedium, input.Characteristic);
        if (read.Failure is { } invalid)
        {
            return invalid.ToResult();
        }

        var body = read.Value!;
        body.Map.Map("kind", "engagedParty.@referredType");
        var outcome = await commands.CreateAsync(
            new CreateCustomerInput(kind.Value.ToWireName(), input.Name, body.Jurisdiction, body.ServiceAddress, body.BillingAddress,
                [.. body.Identities.Select(i => i.Input)], body.Preferences),
            cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return failure.ToResult(body.Map);
        }

        var customer = outcome.Value!;
        return TmfConventions.Created($"{TmfConventions.CustomerPath}/{customer.Id}", ToTmf(customer, customer.Identities));
    }

    internal static async Task<Results<TmfResource<TmfCustomer>, ValidationProblem, NotFoundProblem, CommandProblem>> Patch(
        string id, TmfCustomerInput input, CustomerCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var customerId))
        {
            return TmfConventions.NotFound("customer", id);
        }

        var read = TmfCustomerMapping.Read(input.ContactMedium, input.Characteristic);
        if (read.Failure is { } invalid)
        {
            return invalid.ToResult();
        }

        string? kind = null;
        if (input.EngagedParty is { } party)
        {
            if (party.Id is { } partyId && !(Guid.TryParse(partyId, out var partyGuid) && partyGuid == customerId))
            {
                return ProblemResults.Invalid("engagedParty.id", $"The engaged party is the customer itself ({customerId}); it cannot be another party.");
            }

            if (party.ReferredType is not null)
            {
                kind = KindOf(party.ReferredType)?.ToWireName();
                if (kind is null)
                {
                    return InvalidPartyType();
                }
            }
        }

        var body = read.Value!;
        body.Map.Map("kind", "engagedParty.@referredType");
        var (_, problem) = await TmfCustomerPatch.ApplyAsync(commands, db, customerId, input.Name, kind, body,
            customer => input.Status is { } status && !status.Trim().Equals(StatusOf(customer), StringComparison.OrdinalIgnoreCase)
                ? new Failure.Invalid("status", $"status is {StatusOf(customer)} and cannot be changed here; merging is POST /api/customers/{{id}}/merge.")
                : null,
            cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var saved = await LoadAsync(db, id, cancellationToken);
        return TmfConventions.One(ToTmf(saved!.Value.Customer, saved.Value.Identities));
    }

    public static TmfCustomer ToTmf(Customer customer, IEnumerable<CustomerIdentity> identities)
    {
        var id = customer.Id.ToString();
        var (partyType, partyPath) = customer.Kind == CustomerKind.Person
            ? ("Individual", TmfConventions.IndividualPath)
            : ("Organization", TmfConventions.OrganizationPath);
        var merged = customer.Status == CustomerStatus.Merged;
        var identityList = identities.ToList();
        return new TmfCustomer
        {
            Id = id,
            Href = $"{TmfConventions.CustomerPath}/{id}",
            Name = customer.Name,
            Status = StatusOf(customer),
            StatusReason = merged ? $"Merged into customer {customer.MergedIntoId}." : null,
            EngagedParty = new TmfRelatedParty { Id = id, Href = $"{partyPath}/{id}", Name = customer.Name, ReferredType = partyType },
            ContactMedium = TmfCustomerMapping.ContactMedia(customer, identityList),
            Characteristic = TmfCustomerMapping.Characteristics(customer, identityList),
            RelatedParty = merged && customer.MergedIntoId is { } survivor
                ? [new TmfRelatedParty { Id = survivor.ToString(), Href = $"{TmfConventions.CustomerPath}/{survivor}", Role = "mergedInto", ReferredType = "Customer" }]
                : null,
            ValidFor = new TmfTimePeriod { StartDateTime = TmfConventions.Timestamp(customer.CreatedAt) },
        };
    }

    private static string StatusOf(Customer customer) => customer.Status == CustomerStatus.Merged ? Merged : Approved;

    /// <summary>The customer kind a TMF632 party type stands for: Individual a person, Organization a business; null for anything else.</summary>
    internal static CustomerKind? KindOf(string partyType) => partyType.Trim() switch
    {
        var type when type.Equals("Individual", StringComparison.OrdinalIgnoreCase) => CustomerKind.Person,
        var type when type.Equals("Organization", StringComparison.OrdinalIgnoreCase) => CustomerKind.Business,
        _ => null,
    };

    private static ValidationProblem InvalidPartyType() =>
        ProblemResults.Invalid("engagedParty.@referredType", "The engaged party is an Individual (a person) or an Organization (a business).");

    internal static async Task<(Customer Customer, List<CustomerIdentity> Identities)?> LoadAsync(TouchpointDbContext db, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var customerId))
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var identities = await db.CustomerIdentities.AsNoTracking().Where(i => i.CustomerId == customerId).ToListAsync(cancellationToken);
        return (customer, identities);
    }

    internal static async Task<ILookup<Guid, CustomerIdentity>> IdentitiesOfAsync(TouchpointDbContext db, List<Guid> customerIds, CancellationToken cancellationToken) =>
        customerIds.Count == 0
            ? Array.Empty<CustomerIdentity>().ToLookup(i => i.CustomerId)
            : (await db.CustomerIdentities.AsNoTracking().Where(i => customerIds.Contains(i.CustomerId)).ToListAsync(cancellationToken)).ToLookup(i => i.CustomerId);
}
