using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Tmf;

/// <summary>Starting a subscription from a TMF637 Product_Create body, by the same rules as /api/subscriptions.</summary>
public static partial class Tmf637ProductInventoryApi
{
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
}
