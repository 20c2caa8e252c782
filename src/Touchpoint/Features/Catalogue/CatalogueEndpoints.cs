using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Identity;
using Touchpoint.Features.PartnerAgencies;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Catalogue;

public sealed record PlanView(
    Guid Id, string Code, string Name, decimal MonthlyPrice, string Currency, int? DataGb, int? VoiceMinutes, IReadOnlyList<int> BindingOptions, string Technology,
    string? Country = null);

/// <param name="Currency">SEK, DKK, EUR or NOK; default the country's own, else SEK.</param>
/// <param name="Country">
/// Where the plan is sold (SE, DK, NL, NO, FI, DE), whose law its bindings follow (DE-1: a 24-month binding needs a
/// 12-month one beside it); none: wherever its currency is the local one (a euro plan: NL, FI and DE).
/// </param>
public sealed record CreatePlanInput(
    string? Code, string? Name, decimal? MonthlyPrice, string? Currency, int? DataGb, int? VoiceMinutes, IReadOnlyList<int>? BindingOptions, string? Technology,
    string? Country = null);

public static class CatalogueEndpoints
{
    /// <summary>One list with coverage: a plan can only need a technology that coverage data can list.</summary>
    public static IReadOnlyList<string> Technologies => NetworkTechnologies.All;

    public static IEndpointRouteBuilder MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/plans").WithTags("Catalogue").RequireAuthorization(Policies.People);
        plans.MapGet("/", List)
            .WithSummary("The plans of the catalogue, cheapest first; with customerId only those that customer can be sold (their country's, in their currency).");
        plans.MapPost("/", Create).RequireAuthorization(Policies.Admin)
            .WithSummary("Add a plan; 0 months binding is always among its options, and the law of its country decides the others (DE-1).");
        return app;
    }

    internal static async Task<Results<Ok<List<PlanView>>, ValidationProblem>> List(
        Guid? customerId, TouchpointDbContext db, CurrentActor actor, CancellationToken cancellationToken)
    {
        var plans = db.Plans.AsNoTracking();
        if (customerId is { } id)
        {
            if (await AgencyCustomers.OutOfReachAsync(db, actor, id, cancellationToken))
            {
                return ProblemResults.Invalid("customerId", $"There is no customer with id '{id}' among those given to your agency.");
            }

            var jurisdiction = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => c.Jurisdiction).FirstOrDefaultAsync(cancellationToken);
            if (!Jurisdictions.TryParse(jurisdiction, out var country, out _))
            {
                return ProblemResults.Invalid("customerId", $"There is no customer with id '{id}'.");
            }

            plans = plans.SoldIn(country);
        }

        var rows = await plans.OrderBy(p => p.MonthlyPrice).ThenBy(p => p.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(ToView).ToList());
    }

    internal static async Task<Results<Created<PlanView>, CommandProblem>> Create(
        CreatePlanInput input, TouchpointDbContext db, TimeProvider clock, ContractRuleBook rules, CancellationToken cancellationToken)
    {
        var outcome = await CreateAsync(db, clock, rules, input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/plans/{outcome.Value!.Id}", ToView(outcome.Value));
    }

    public static async Task<Outcome<Plan>> CreateAsync(
        TouchpointDbContext db, TimeProvider clock, ContractRuleBook rules, CreatePlanInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(input);
        var code = input.Code?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > 64)
        {
            return new Failure.Invalid("code", "code is required (at most 64 characters).");
        }

        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return new Failure.Invalid("name", "name is required (at most 200 characters).");
        }

        if (input.MonthlyPrice is not { } price || price < 0)
        {
            return new Failure.Invalid("monthlyPrice", "monthlyPrice is required and cannot be negative.");
        }

        var binding = input.BindingOptions ?? [0];
        if (!BindingOptions.TryValidate(binding, out var bindingError))
        {
            return new Failure.Invalid("bindingOptions", bindingError);
        }

        var technology = Technologies.FirstOrDefault(t => string.Equals(t, input.Technology?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (technology is null)
        {
            return new Failure.Invalid("technology", $"technology must be one of {string.Join(", ", Technologies)}.");
        }

        if (input.DataGb is < 0 || input.VoiceMinutes is < 0)
        {
            return new Failure.Invalid(input.DataGb is < 0 ? "dataGb" : "voiceMinutes", "Allowances cannot be negative.");
        }

        Jurisdiction? country = null;
        if (!string.IsNullOrWhiteSpace(input.Country))
        {
            if (!Jurisdictions.TryParse(input.Country.Trim(), out var parsedCountry, out var countryError))
            {
                return new Failure.Invalid("country", countryError);
            }

            country = parsedCountry;
        }

        var currency = country?.LocalCurrency() ?? Currency.SEK;
        if (!string.IsNullOrWhiteSpace(input.Currency) && !Currencies.TryParse(input.Currency, out currency, out var currencyError))
        {
            return new Failure.Invalid("currency", currencyError);
        }

        if (country is { } market && market.LocalCurrency() != currency)
        {
            return new Failure.Invalid("currency", $"A plan sold in {market.ToWireName()} is priced in {market.LocalCurrency().ToWireName()}.");
        }

        if (country is { } soldIn && rules.CheckBindingOffer(soldIn, binding) is { IsAllowed: false } offer)
        {
            return new Failure.Invalid("bindingOptions", offer.Explanation);
        }

        if (await db.Plans.AnyAsync(p => p.Code == code, cancellationToken))
        {
            return new Failure.Conflict($"A plan with code '{code}' exists.");
        }

        var plan = new Plan
        {
            Code = code,
            Name = name,
            MonthlyPrice = price,
            Currency = currency.ToWireName(),
            Country = country?.ToWireName(),
            DataGb = input.DataGb,
            VoiceMinutes = input.VoiceMinutes,
            BindingOptions = string.Join(",", binding.Order().Select(m => m.ToString(CultureInfo.InvariantCulture))),
            Technology = technology,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    public static PlanView ToView(Plan plan) =>
        new(plan.Id, plan.Code, plan.Name, plan.MonthlyPrice, plan.Currency, plan.DataGb, plan.VoiceMinutes, plan.BindingMonths, plan.Technology, plan.Country);
}
