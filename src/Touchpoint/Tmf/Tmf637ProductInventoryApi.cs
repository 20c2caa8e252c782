// TMF637 Product Inventory v4 — /tmf-api/productInventory/v4/product — a customer's subscriptions as
// products, over SubscriptionCommands.CreateAsync.
//
//   id, href              the subscription id
//   name                  the plan's name
//   status                the subscription's state; Touchpoint's states are TMF637's (created, pendingActive,
//                         active, pendingTerminate, terminated, suspended)
//   isBundle false, isCustomerVisible true
//   startDate             the first day (midnight UTC); orderDate = when it was recorded
//   productOffering       the plan: id = plan code, name = plan name (@referredType ProductOffering)
//   productSpecification  the same plan code (@referredType ProductSpecification); on create it is read when
//                         productOffering is absent
//   productPrice          one recurring monthly price: price.taxIncludedAmount {unit: the plan's currency, value}
//   productTerm           when bound: name "binding", validFor = start … binding end, duration {amount, units "month"}
//   productCharacteristic msisdn (string, E.164; mobile), technology (the plan's), soldVia (string, the channel, when
//                         recorded), soldToConsumer (boolean: consumer law applies to it for its life, TP-5; false when
//                         sold to a business), and from the contract rules (ContractRuleBook, the customer's jurisdiction)
//                         as of today: bindingEndDate (date string, when bound), isBound (boolean), notice (string, ISO
//                         8601: P1M, or P2W in FI), noticeMonths (number, when the notice is whole months),
//                         earliestLeaveDate (date string), termsExplanation (string), termsRuleIds (string, comma-
//                         separated), withdrawalOpen (boolean), withdrawalOpenUntil (date string, unless sold in a
//                         store), withdrawalExplanation (string), rulesVersion (string). On create: msisdn, bindingMonths
//                         (number; 0 or one of the plan's options, within the jurisdiction's limit), soldVia (string),
//                         withdrawalInformationGiven and clearEconomicBenefit (boolean) are read; the others are computed.
//   place                 the service address of a fixed service: role "serviceAddress", @type GeographicAddress,
//                         name = the address on one line, and the fields streetName, postcode, city, country
//                         (read on create with role serviceAddress or installationAddress)
//   relatedParty          the customer (role "customer", @referredType Customer); required on create
//   @type                 "Product"
//
// Listing filters by customer with relatedParty.id or customerId (either), paged with offset/limit.
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;
using Touchpoint.Features.Audit;

namespace Touchpoint.Tmf;

public sealed record TmfRef
{
    public string? Id { get; init; }
    public string? Href { get; init; }
    public string? Name { get; init; }

    [JsonPropertyName("@referredType")]
    public string? ReferredType { get; init; }
}

public sealed record TmfMoney(string? Unit, decimal? Value);

public sealed record TmfPrice
{
    public TmfMoney? TaxIncludedAmount { get; init; }
    public TmfMoney? DutyFreeAmount { get; init; }
}

public sealed record TmfProductPrice
{
    public string? Name { get; init; }
    public string? PriceType { get; init; }
    public string? RecurringChargePeriod { get; init; }
    public TmfPrice? Price { get; init; }
}

public sealed record TmfQuantity(decimal? Amount, string? Units);

public sealed record TmfProductTerm
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public TmfQuantity? Duration { get; init; }
    public TmfTimePeriod? ValidFor { get; init; }
}

/// <summary>A RelatedPlaceRefOrValue carrying the address itself (GeographicAddress fields as extensions).</summary>
public sealed record TmfPlace
{
    public string? Id { get; init; }
    public string? Href { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }
    public string? StreetName { get; init; }
    public string? Postcode { get; init; }
    public string? City { get; init; }
    public string? Country { get; init; }

    [JsonPropertyName("@type")]
    public string? Type { get; init; }
}

public sealed record TmfProduct
{
    public required string Id { get; init; }
    public required string Href { get; init; }
    public string? Name { get; init; }
    public string? Status { get; init; }
    public bool? IsBundle { get; init; }
    public bool? IsCustomerVisible { get; init; }
    public string? StartDate { get; init; }
    public string? OrderDate { get; init; }
    public TmfRef? ProductOffering { get; init; }
    public TmfRef? ProductSpecification { get; init; }
    public IReadOnlyList<TmfProductPrice>? ProductPrice { get; init; }
    public IReadOnlyList<TmfProductTerm>? ProductTerm { get; init; }
    public IReadOnlyList<TmfCharacteristic>? ProductCharacteristic { get; init; }
    public IReadOnlyList<TmfPlace>? Place { get; init; }
    public IReadOnlyList<TmfRelatedParty>? RelatedParty { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "Product";
}

/// <summary>Product_Create.</summary>
public sealed record TmfProductInput
{
    public string? Status { get; init; }
    public DateTimeOffset? StartDate { get; init; }
    public TmfRef? ProductOffering { get; init; }
    public TmfRef? ProductSpecification { get; init; }
    public IReadOnlyList<TmfProductPrice?>? ProductPrice { get; init; }
    public IReadOnlyList<TmfCharacteristic?>? ProductCharacteristic { get; init; }
    public IReadOnlyList<TmfPlace?>? Place { get; init; }
    public IReadOnlyList<TmfRelatedParty?>? RelatedParty { get; init; }
}

public static class Tmf637ProductInventoryApi
{
    public const string Msisdn = "msisdn";
    public const string BindingMonths = "bindingMonths";
    public const string SoldVia = "soldVia";
    public const string WithdrawalInformationGiven = "withdrawalInformationGiven";
    public const string ClearEconomicBenefit = "clearEconomicBenefit";

    public static IEndpointRouteBuilder MapTmf637ProductInventoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(TmfConventions.ProductPath).WithTags("TMF637 Product Inventory").RequireAuthorization(Policies.OwnStaff);
        group.MapGet("/", List).WithSummary("Subscriptions as products, by customer (relatedParty.id or customerId), paged (offset, limit); fields selects attributes.");
        group.MapGet("/{id}", Get).WithSummary("One subscription with its terms as of today.");
        group.MapPost("/", Create).WithSummary("Start a subscription from a Product_Create body.");
        return app;
    }

    internal static async Task<Results<TmfResource<List<TmfProduct>>, ValidationProblem>> List(
        [FromQuery(Name = "relatedParty.id")] string? relatedPartyId, string? customerId, int? offset, int? limit, string? fields,
        HttpResponse response, TouchpointDbContext db, ContractRuleBook rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryListQuery<TmfProduct>(offset, limit, fields, out var page, out var selected, out var problem))
        {
            return problem!;
        }

        var query = db.Subscriptions.AsNoTracking();
        foreach (var (name, value) in new[] { ("relatedParty.id", relatedPartyId), ("customerId", customerId) })
        {
            if (value is null)
            {
                continue;
            }

            if (!Guid.TryParse(value, out var id))
            {
                return ProblemResults.Invalid(name, $"'{value}' is not a customer id.");
            }

            query = query.Where(s => s.CustomerId == id);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(s => s.CustomerId).ThenBy(s => s.StartDate).ThenBy(s => s.Id)
            .Skip(page.Offset).Take(page.Limit)
            .Join(db.Customers, s => s.CustomerId, c => c.Id, (s, c) => new { Subscription = s, s.Plan, c.Jurisdiction })
            .ToListAsync(cancellationToken);
        var today = Today(clock);
        return TmfConventions.List(response, rows.Select(r => ToTmf(r.Subscription, r.Plan!, Terms(rules, r.Subscription, r.Jurisdiction, today))).ToList(), total, selected);
    }

    internal static async Task<Results<TmfResource<TmfProduct>, ValidationProblem, NotFoundProblem>> Get(
        string id, string? fields, TouchpointDbContext db, ContractRuleBook rules, TimeProvider clock, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryParseFields<TmfProduct>(fields, out var selected, out var problem))
        {
            return problem!;
        }

        var row = Guid.TryParse(id, out var subscriptionId)
            ? await db.Subscriptions.AsNoTracking().Where(s => s.Id == subscriptionId)
                .Join(db.Customers, s => s.CustomerId, c => c.Id, (s, c) => new { Subscription = s, s.Plan, c.Jurisdiction })
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        if (row is null)
        {
            return TmfConventions.NotFound("product", id);
        }

        readAudit.Record(nameof(Subscription), id, "TMF637 product");
        return TmfConventions.One(ToTmf(row.Subscription, row.Plan!, Terms(rules, row.Subscription, row.Jurisdiction, Today(clock))), selected);
    }

    internal static async Task<Results<TmfCreated<TmfProduct>, ValidationProblem, CommandProblem>> Create(
        TmfProductInput input, SubscriptionCommands commands, TouchpointDbContext db, ContractRuleBook rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var map = new FieldMap()
            .Map("customerId", "relatedParty")
            .Map("planCode", input.ProductOffering is not null ? "productOffering.id" : "productSpecification.id")
            .Map("planId", "productOffering.id")
            .Map("monthlyPrice", "productPrice")
            .Map("msisdn", "productCharacteristic")
            .Map("bindingMonths", "productCharacteristic")
            .Map("soldVia", "productCharacteristic")
            .Map("startDate", "startDate");

        Guid? customerId = null;
        for (var index = 0; index < (input.RelatedParty?.Count ?? 0); index++)
        {
            var party = input.RelatedParty![index];
            var isCustomer = string.Equals(party?.Role, "customer", StringComparison.OrdinalIgnoreCase)
                || string.Equals(party?.ReferredType, "Customer", StringComparison.OrdinalIgnoreCase);
            if (party is null || !isCustomer)
            {
                continue;
            }

            if (!Guid.TryParse(party.Id, out var id))
            {
                return ProblemResults.Invalid($"relatedParty[{index}].id", $"'{party.Id}' is not a customer id.");
            }

            customerId = id;
            map.Map("customerId", $"relatedParty[{index}].id");
        }

        var planCode = input.ProductOffering?.Id ?? input.ProductSpecification?.Id;

        decimal? monthlyPrice = null;
        for (var index = 0; index < (input.ProductPrice?.Count ?? 0); index++)
        {
            var price = input.ProductPrice![index];
            if (price is null || !string.Equals(price.PriceType, "recurring", StringComparison.OrdinalIgnoreCase))
            {
                return ProblemResults.Invalid($"productPrice[{index}].priceType", "Touchpoint keeps one recurring (monthly) price per product.");
            }

            var amount = price.Price?.TaxIncludedAmount?.Value;
            if (amount is null)
            {
                return ProblemResults.Invalid($"productPrice[{index}].price.taxIncludedAmount.value", "The monthly price is price.taxIncludedAmount.value.");
            }

            monthlyPrice = amount;
            map.Map("monthlyPrice", $"productPrice[{index}].price.taxIncludedAmount.value");
        }

        string? msisdn = null;
        int? bindingMonths = null;
        string? soldVia = null;
        bool? informed = null;
        bool? benefit = null;
        for (var index = 0; index < (input.ProductCharacteristic?.Count ?? 0); index++)
        {
            var characteristic = input.ProductCharacteristic![index];
            var path = $"productCharacteristic[{index}]";
            var value = characteristic?.Value ?? default;
            switch (characteristic?.Name?.Trim())
            {
                case Msisdn when value.ValueKind == JsonValueKind.String:
                    msisdn = value.GetString();
                    map.Map("msisdn", $"{path}.value");
                    break;
                case BindingMonths when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var months):
                    bindingMonths = months;
                    map.Map("bindingMonths", $"{path}.value");
                    break;
                case SoldVia when value.ValueKind == JsonValueKind.String:
                    soldVia = value.GetString();
                    map.Map("soldVia", $"{path}.value");
                    break;
                case WithdrawalInformationGiven when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    informed = value.GetBoolean();
                    break;
                case ClearEconomicBenefit when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    benefit = value.GetBoolean();
                    break;
                case Msisdn or SoldVia:
                    return ProblemResults.Invalid($"{path}.value", $"{characteristic!.Name} is a string.");
                case BindingMonths:
                    return ProblemResults.Invalid($"{path}.value", $"{characteristic!.Name} is a whole number of months.");
                case WithdrawalInformationGiven or ClearEconomicBenefit:
                    return ProblemResults.Invalid($"{path}.value", $"{characteristic!.Name} is true or false.");
                default:
                    return ProblemResults.Invalid($"{path}.name",
                        $"'{characteristic?.Name}' is not a characteristic a new product takes; use {Msisdn}, {BindingMonths}, {SoldVia}, {WithdrawalInformationGiven} or {ClearEconomicBenefit}.");
            }
        }

        AddressInput? address = null;
        for (var index = 0; index < (input.Place?.Count ?? 0); index++)
        {
            var place = input.Place![index];
            var path = $"place[{index}]";
            if (place is null || !(string.Equals(place.Role, "serviceAddress", StringComparison.OrdinalIgnoreCase)
                                   || string.Equals(place.Role, "installationAddress", StringComparison.OrdinalIgnoreCase)))
            {
                return ProblemResults.Invalid($"{path}.role", "Touchpoint keeps one place: the serviceAddress (or installationAddress).");
            }

            address = new AddressInput(place.StreetName, place.Postcode, place.City, place.Country);
            map.Map("serviceAddress", path)
                .Map("serviceAddress.street", $"{path}.streetName")
                .Map("serviceAddress.postalCode", $"{path}.postcode")
                .Map("serviceAddress.city", $"{path}.city")
                .Map("serviceAddress.country", $"{path}.country");
        }

        var outcome = await commands.CreateAsync(new CreateSubscriptionInput(
            customerId, PlanId: null, planCode, msisdn, address, monthlyPrice,
            input.StartDate is { } start ? DateOnly.FromDateTime(start.UtcDateTime) : null, bindingMonths, input.Status, soldVia, informed, benefit), cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return failure.ToResult(map);
        }

        var subscription = outcome.Value!;
        var jurisdiction = await db.Customers.AsNoTracking().Where(c => c.Id == subscription.CustomerId).Select(c => c.Jurisdiction).FirstAsync(cancellationToken);
        return TmfConventions.Created($"{TmfConventions.ProductPath}/{subscription.Id}",
            ToTmf(subscription, subscription.Plan!, Terms(rules, subscription, jurisdiction, Today(clock))));
    }

    private static SubscriptionTermsView Terms(ContractRuleBook rules, Subscription subscription, string jurisdiction, DateOnly today) =>
        rules.TermsOn(subscription, SubscriptionContracts.JurisdictionOf(jurisdiction), today);

    public static TmfProduct ToTmf(Subscription subscription, Plan plan, SubscriptionTermsView terms)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(terms);
        var id = subscription.Id.ToString();
        var characteristics = new List<TmfCharacteristic>();
        if (subscription.Msisdn is { } msisdn)
        {
            characteristics.Add(TmfCharacteristic.Of(Msisdn, "string", msisdn));
        }

        characteristics.Add(TmfCharacteristic.Of("technology", "string", plan.Technology));
        if (subscription.SoldVia is { } soldVia)
        {
            characteristics.Add(TmfCharacteristic.Of(SoldVia, "string", soldVia));
        }

        if (terms.BindingEnd is { } bindingEnd)
        {
            characteristics.Add(TmfCharacteristic.Of("bindingEndDate", "date", TmfConventions.Date(bindingEnd)));
        }

        characteristics.Add(TmfCharacteristic.Of("soldToConsumer", "boolean", terms.SoldToConsumer));
        characteristics.Add(TmfCharacteristic.Of("isBound", "boolean", terms.IsBound));
        if (terms.NoticeMonths is { } noticeMonths)
        {
            characteristics.Add(TmfCharacteristic.Of("noticeMonths", "number", noticeMonths));
        }

        characteristics.Add(TmfCharacteristic.Of("notice", "string", terms.Notice.Iso8601));
        characteristics.Add(TmfCharacteristic.Of("earliestLeaveDate", "date", TmfConventions.Date(terms.EarliestLeaveDate)));
        characteristics.Add(TmfCharacteristic.Of("termsExplanation", "string", terms.Explanation));
        characteristics.Add(TmfCharacteristic.Of("termsRuleIds", "string", string.Join(",", terms.RuleIds)));
        characteristics.Add(TmfCharacteristic.Of("withdrawalOpen", "boolean", terms.WithdrawalOpen));
        if (terms.WithdrawalOpenUntil is { } withdrawalOpenUntil)
        {
            characteristics.Add(TmfCharacteristic.Of("withdrawalOpenUntil", "date", TmfConventions.Date(withdrawalOpenUntil)));
        }

        characteristics.Add(TmfCharacteristic.Of("withdrawalExplanation", "string", terms.WithdrawalExplanation));
        characteristics.Add(TmfCharacteristic.Of("rulesVersion", "string", terms.RulesVersion));

        var bindingMonths = subscription.BindingMonths();
        return new TmfProduct
        {
            Id = id,
            Href = $"{TmfConventions.ProductPath}/{id}",
            Name = plan.Name,
            Status = subscription.Status.ToWireName(),
            IsBundle = false,
            IsCustomerVisible = true,
            StartDate = TmfConventions.Timestamp(subscription.StartDate),
            OrderDate = TmfConventions.Timestamp(subscription.CreatedAt),
            ProductOffering = new TmfRef { Id = plan.Code, Name = plan.Name, ReferredType = "ProductOffering" },
            ProductSpecification = new TmfRef { Id = plan.Code, Name = plan.Name, ReferredType = "ProductSpecification" },
            ProductPrice =
            [
                new TmfProductPrice
                {
                    Name = "Monthly fee",
                    PriceType = "recurring",
                    RecurringChargePeriod = "month",
                    Price = new TmfPrice { TaxIncludedAmount = new TmfMoney(plan.Currency, subscription.MonthlyPrice) },
                },
            ],
            ProductTerm = subscription.BindingEndDate is { } bindingEndDate
                ?
                [
                    new TmfProductTerm
                    {
                        Name = "binding",
                        Description = terms.Explanation,
                        Duration = new TmfQuantity(bindingMonths, "month"),
                        ValidFor = new TmfTimePeriod { StartDateTime = TmfConventions.Timestamp(subscription.StartDate), EndDateTime = TmfConventions.Timestamp(bindingEndDate) },
                    },
                ]
                : null,
            ProductCharacteristic = characteristics,
            Place = subscription.ServiceAddress is { } address
                ?
                [
                    new TmfPlace
                    {
                        Role = "serviceAddress",
                        Name = $"{address.Street}, {address.PostalCode} {address.City}, {address.Country}",
                        StreetName = address.Street,
                        Postcode = address.PostalCode,
                        City = address.City,
                        Country = address.Country,
                        Type = "GeographicAddress",
                    },
                ]
                : null,
            RelatedParty =
            [
                new TmfRelatedParty
                {
                    Id = subscription.CustomerId.ToString(),
                    Href = $"{TmfConventions.CustomerPath}/{subscription.CustomerId}",
                    Role = "customer",
                    ReferredType = "Customer",
                },
            ],
        };
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
