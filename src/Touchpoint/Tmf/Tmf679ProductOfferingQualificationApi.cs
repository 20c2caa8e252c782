// TMF679 Product Offering Qualification v4 — /tmf-api/productOfferingQualification/v4/productOfferingQualification —
// serviceability (coverage) checks of plans at an address (S3-1), answered at once and stored (QualificationChecks).
//
//   id, href                          the check's id
//   state                             always "done": checks are answered synchronously (instantSyncQualification true)
//   qualificationResult               the worst of the items': unqualified, then alternate, then qualified
//   productOfferingQualificationDate  when it was checked; effectiveQualificationDate the same
//   provideAlternative, provideUnavailabilityReason   as asked (default true); false leaves those parts out
//   place                             the address checked: one entry, role "serviceAddress" (or installationAddress)
//                                     with the GeographicAddress fields streetName, postcode, city, country (SE, DK,
//                                     NL, NO); country and postcode are required. Without a place, the service address
//                                     of the customer in relatedParty is checked.
//   relatedParty                      the customer (role "customer" or @referredType Customer), optional; when given
//                                     the check goes on the customer's timeline
//   productOfferingQualificationItem  one per plan asked about: id (the caller's; "1", "2", … when absent),
//                                     productOffering.id = plan code (a plan's id is accepted too), state "done",
//                                     qualificationItemResult qualified | unqualified | alternate,
//                                     eligibilityUnavailabilityReason [{code noCoverage | noCoverageData, label: the
//                                     reason in words}], alternateProductOfferingProposal [{id, alternateProductOffering:
//                                     a plan of an available technology in the address's currency, best first}]
//   @type                             "ProductOfferingQualification"
//
// How the answer is reached: Touchpoint.Domain.Coverage.ServiceQualification (5G coverage carries 4G; "alternate"
// when the wanted technology is missing but others reach the address; "unqualified" when none does, or when there
// is no coverage data for the postcode). Listing is newest first, by customer with relatedParty.id, paged.
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Coverage;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Tmf;

public sealed record TmfEligibilityUnavailabilityReason(string Code, string Label);

public sealed record TmfAlternateProductOfferingProposal
{
    public required string Id { get; init; }
    public required TmfRef AlternateProductOffering { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "AlternateProductOfferingProposal";
}

public sealed record TmfProductOfferingQualificationItem
{
    public required string Id { get; init; }
    public string State { get; init; } = "done";
    public required string QualificationItemResult { get; init; }
    public required TmfRef ProductOffering { get; init; }
    public IReadOnlyList<TmfEligibilityUnavailabilityReason>? EligibilityUnavailabilityReason { get; init; }
    public IReadOnlyList<TmfAlternateProductOfferingProposal>? AlternateProductOfferingProposal { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "ProductOfferingQualificationItem";
}

public sealed record TmfProductOfferingQualification
{
    public required string Id { get; init; }
    public required string Href { get; init; }
    public string State { get; init; } = "done";
    public required string QualificationResult { get; init; }
    public required string ProductOfferingQualificationDate { get; init; }
    public required string EffectiveQualificationDate { get; init; }
    public bool InstantSyncQualification { get; init; } = true;
    public bool ProvideAlternative { get; init; }
    public bool ProvideUnavailabilityReason { get; init; }
    public required IReadOnlyList<TmfPlace> Place { get; init; }
    public IReadOnlyList<TmfRelatedParty>? RelatedParty { get; init; }
    public required IReadOnlyList<TmfProductOfferingQualificationItem> ProductOfferingQualificationItem { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "ProductOfferingQualification";
}

/// <summary>ProductOfferingQualification_Create, as far as Touchpoint reads it.</summary>
public sealed record TmfProductOfferingQualificationInput
{
    public bool? ProvideAlternative { get; init; }
    public bool? ProvideUnavailabilityReason { get; init; }
    public bool? InstantSyncQualification { get; init; }
    public IReadOnlyList<TmfPlace?>? Place { get; init; }
    public IReadOnlyList<TmfRelatedParty?>? RelatedParty { get; init; }
    public IReadOnlyList<TmfProductOfferingQualificationItemInput?>? ProductOfferingQualificationItem { get; init; }
}

public sealed record TmfProductOfferingQualificationItemInput
{
    public string? Id { get; init; }
    public TmfRef? ProductOffering { get; init; }
}

public static class Tmf679ProductOfferingQualificationApi
{
    public const string Path = "/tmf-api/productOfferingQualification/v4/productOfferingQualification";
    private const string ItemsField = "productOfferingQualificationItem";

    public static IEndpointRouteBuilder MapTmf679ProductOfferingQualificationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("TMF679 Product Offering Qualification").RequireAuthorization(Policies.OwnStaff);
        group.MapGet("/", List).WithSummary("Stored coverage checks, newest first, optionally of one customer (relatedParty.id), paged (offset, limit); fields selects attributes.");
        group.MapGet("/{id}", Get).WithSummary("One stored coverage check.");
        group.MapPost("/", Create).WithSummary("Check plans (productOffering.id = plan code) at a place: qualified, unqualified or alternate, with the reason and the plans available instead.");
        return app;
    }

    internal static async Task<IResult> Create(
        TmfProductOfferingQualificationInput input, TouchpointDbContext db, QualificationChecks checks, CancellationToken cancellationToken)
    {
        if (input.InstantSyncQualification == false)
        {
            return ProblemResults.Invalid("instantSyncQualification", "Touchpoint answers every qualification at once; leave instantSyncQualification out or true.");
        }

        Customer? customer = null;
        for (var index = 0; index < (input.RelatedParty?.Count ?? 0); index++)
        {
            var party = input.RelatedParty![index];
            var isCustomer = string.Equals(party?.Role, "customer", StringComparison.OrdinalIgnoreCase)
                || string.Equals(party?.ReferredType, "Customer", StringComparison.OrdinalIgnoreCase);
            if (party is null || !isCustomer)
            {
                continue;
            }

            customer = Guid.TryParse(party.Id, out var customerId)
                ? await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
                : null;
            if (customer is null || customer.Status == CustomerStatus.Merged)
            {
                return ProblemResults.Invalid($"relatedParty[{index}].id", customer is null
                    ? $"There is no customer with id '{party.Id}'."
                    : $"Customer {customer.Id} was merged into {customer.MergedIntoId}; refer to that customer.");
            }
        }

        var place = ReadPlace(input.Place, customer, out var placeProblem);
        if (place is null)
        {
            return placeProblem!;
        }

        var items = input.ProductOfferingQualificationItem;
        if (items is null || items.Count == 0)
        {
            return ProblemResults.Invalid(ItemsField, "Give at least one productOfferingQualificationItem with productOffering.id (a plan code).");
        }

        var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
        var wanted = new List<(string ItemId, Plan Plan)>();
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var path = $"{ItemsField}[{index}]";
            var offering = item?.ProductOffering?.Id?.Trim();
            if (string.IsNullOrEmpty(offering))
            {
                return ProblemResults.Invalid($"{path}.productOffering.id", "productOffering.id (a plan code) is required.");
            }

            var plan = plans.FirstOrDefault(p => p.Code == offering)
                ?? (Guid.TryParse(offering, out var planId) ? plans.FirstOrDefault(p => p.Id == planId) : null);
            if (plan is null)
            {
                return ProblemResults.Invalid($"{path}.productOffering.id", $"There is no plan '{offering}'.");
            }

            var itemId = string.IsNullOrWhiteSpace(item!.Id) ? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : item.Id.Trim();
            if (itemId.Length > 64 || wanted.Any(w => w.ItemId == itemId))
            {
                return ProblemResults.Invalid($"{path}.id", itemId.Length > 64 ? "An item id has at most 64 characters." : $"The item id '{itemId}' is used twice.");
            }

            wanted.Add((itemId, plan));
        }

        var check = await checks.CheckAsync(customer?.Id, place, wanted, input.ProvideAlternative ?? true, input.ProvideUnavailabilityReason ?? true, cancellationToken);
        return TmfConventions.Created($"{Path}/{check.Id}", ToTmf(check));
    }

    internal static async Task<IResult> List(
        [FromQuery(Name = "relatedParty.id")] string? relatedPartyId, int? offset, int? limit, string? fields,
        HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryListQuery<TmfProductOfferingQualification>(offset, limit, fields, out var page, out var selected, out var problem))
        {
            return problem!;
        }

        var query = db.QualificationChecks.AsNoTracking();
        if (relatedPartyId is not null)
        {
            if (!Guid.TryParse(relatedPartyId, out var customerId))
            {
                return ProblemResults.Invalid("relatedParty.id", $"'{relatedPartyId}' is not a customer id.");
            }

            query = query.Where(q => q.CustomerId == customerId);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id)
            .Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        return TmfConventions.List(response, rows.Select(ToTmf).ToList(), total, selected);
    }

    internal static async Task<IResult> Get(string id, string? fields, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryParseFields<TmfProductOfferingQualification>(fields, out var selected, out var problem))
        {
            return problem!;
        }

        var check = Guid.TryParse(id, out var checkId)
            ? await db.QualificationChecks.AsNoTracking().FirstOrDefaultAsync(q => q.Id == checkId, cancellationToken)
            : null;
        if (check is null)
        {
            return TmfConventions.NotFound("productOfferingQualification", id);
        }

        if (check.CustomerId is not null)
        {
            readAudit.Record(nameof(QualificationCheck), id, "TMF679 productOfferingQualification");
        }

        return TmfConventions.One(ToTmf(check), selected);
    }

    /// <summary>The place to check: the body's one place, or the customer's service address; or a 400 naming the field.</summary>
    private static Address? ReadPlace(IReadOnlyList<TmfPlace?>? places, Customer? customer, out IResult? problem)
    {
        problem = null;
        if (places is null || places.Count == 0)
        {
            if (customer?.ServiceAddress is { } serviceAddress)
            {
                return serviceAddress;
            }

            problem = ProblemResults.Invalid("place", "Give the place to check (role serviceAddress with postcode and country), or a customer with a service address.");
            return null;
        }

        if (places.Count > 1)
        {
            problem = ProblemResults.Invalid("place[1]", "Touchpoint checks one place per qualification.");
            return null;
        }

        var place = places[0];
        if (place is null || !(string.Equals(place.Role, "serviceAddress", StringComparison.OrdinalIgnoreCase)
                               || string.Equals(place.Role, "installationAddress", StringComparison.OrdinalIgnoreCase)))
        {
            problem = ProblemResults.Invalid("place[0].role", "The place is the serviceAddress (or installationAddress).");
            return null;
        }

        if (!Jurisdictions.TryParse(place.Country, out var country, out var countryError))
        {
            problem = ProblemResults.Invalid("place[0].country", countryError);
            return null;
        }

        if (!PostalCodes.TryNormalize(country, place.Postcode, out var postcode, out var postcodeError))
        {
            problem = ProblemResults.Invalid("place[0].postcode", postcodeError);
            return null;
        }

        var street = place.StreetName?.Trim() ?? "";
        var city = place.City?.Trim() ?? "";
        if (street.Length > 200 || city.Length > 100)
        {
            problem = ProblemResults.Invalid(street.Length > 200 ? "place[0].streetName" : "place[0].city", "The address is too long (street ≤ 200, city ≤ 100 characters).");
            return null;
        }

        return new Address(street, PostalCodes.Display(country, postcode), city, country.ToWireName());
    }

    public static TmfProductOfferingQualification ToTmf(QualificationCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var id = check.Id.ToString();
        var at = TmfConventions.Timestamp(check.CreatedAt);
        return new TmfProductOfferingQualification
        {
            Id = id,
            Href = $"{Path}/{id}",
            QualificationResult = check.Result.ToWireName(),
            ProductOfferingQualificationDate = at,
            EffectiveQualificationDate = at,
            ProvideAlternative = check.ProvideAlternative,
            ProvideUnavailabilityReason = check.ProvideUnavailabilityReason,
            Place =
            [
                new TmfPlace
                {
                    Role = "serviceAddress",
                    Type = "GeographicAddress",
                    Name = CoverageChecker.Describe(check.Place),
                    StreetName = check.Place.Street.Length == 0 ? null : check.Place.Street,
                    Postcode = check.Place.PostalCode,
                    City = check.Place.City.Length == 0 ? null : check.Place.City,
                    Country = check.Place.Country,
                },
            ],
            RelatedParty = check.CustomerId is { } customerId
                ? [new TmfRelatedParty { Id = customerId.ToString(), Href = $"{TmfConventions.CustomerPath}/{customerId}", Role = "customer", ReferredType = "Customer" }]
                : null,
            ProductOfferingQualificationItem = check.Items.OrderBy(i => i.Position).Select(i => ToTmf(check, i)).ToList(),
        };
    }

    private static TmfProductOfferingQualificationItem ToTmf(QualificationCheck check, QualificationCheckItem item)
    {
        var qualified = item.Result == QualificationResult.Qualified;
        var alternatives = item.AlternativePlanList;
        return new TmfProductOfferingQualificationItem
        {
            Id = item.ItemId,
            QualificationItemResult = item.Result.ToWireName(),
            ProductOffering = new TmfRef { Id = item.PlanCode, Name = item.PlanName, ReferredType = "ProductOffering" },
            EligibilityUnavailabilityReason = qualified || !check.ProvideUnavailabilityReason || item.Reason is null
                ? null
                : [new TmfEligibilityUnavailabilityReason(item.ReasonCode ?? Qualification.NoCoverageCode, item.Reason)],
            AlternateProductOfferingProposal = qualified || !check.ProvideAlternative || alternatives.Count == 0
                ? null
                : alternatives.Select((a, n) => new TmfAlternateProductOfferingProposal
                {
                    Id = (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    AlternateProductOffering = new TmfRef { Id = a.Code, Name = a.Name, ReferredType = "ProductOffering" },
                }).ToList(),
        };
    }
}
