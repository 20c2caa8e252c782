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

/// <summary>TMF637: a customer's subscriptions as products, listed and read here; started in <c>.Create</c>.</summary>
public static partial class Tmf637ProductInventoryApi
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
