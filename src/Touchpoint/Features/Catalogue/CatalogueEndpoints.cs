using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Catalogue;

public sealed record PlanView(
    Guid Id, string Code, string Name, decimal MonthlyPrice, string Currency, int? DataGb, int? VoiceMinutes, IReadOnlyList<int> BindingOptions, string Technology,
    string? Country = null);

/// <param name="Country">Where the plan is sold (SE, DK, NL, NO); none: wherever its currency is the local one.</param>
public sealed record CreatePlanInput(
    string? Code, string? Name, decimal? MonthlyPrice, string? Currency, int? DataGb, int? VoiceMinutes, IReadOnlyList<int>? BindingOptions, string? Technology,
    string? Country = null);

public static class CatalogueEndpoints
{
    /// <summary>One list with coverage: a plan can only need a technology that coverage data can list.</summary>
    public static IReadOnlyList<string> Technologies => NetworkTechnologies.All;

    public static IEndpointRouteBuilder MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/plans").WithTags("Catalogue");
        plans.MapGet("/", async (TouchpointDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.Plans.AsNoTracking().OrderBy(p => p.MonthlyPrice).ThenBy(p => p.Code).ToListAsync(ct) is var rows ? rows.Select(ToView).ToList() : []))
            .WithSummary("The plans of the catalogue, cheapest first.");
        plans.MapPost("/", Create).RequireAuthorization(Policies.Admin).WithSummary("Add a plan; 0 months binding is always among its options.");
        return app;
    }

    internal static async Task<IResult> Create(CreatePlanInput input, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await CreateAsync(db, clock, input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/plans/{outcome.Value!.Id}", ToView(outcome.Value));
    }

    public static async Task<Outcome<Plan>> CreateAsync(TouchpointDbContext db, TimeProvider clock, CreatePlanInput input, CancellationToken cancellationToken)
    {
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

        string? country = null;
        if (!string.IsNullOrWhiteSpace(input.Country))
        {
            if (!Jurisdictions.TryParse(input.Country.Trim(), out var parsedCountry, out var countryError))
            {
                return new Failure.Invalid("country", countryError);
            }

            country = parsedCountry.ToWireName();
        }

        var currency = string.IsNullOrWhiteSpace(input.Currency) ? "SEK" : input.Currency.Trim().ToUpperInvariant();
        if (country is not null && Jurisdictions.TryParse(country, out var market, out _) && market.LocalCurrency().ToWireName() != currency)
        {
            return new Failure.Invalid("currency", $"A plan sold in {country} is priced in {market.LocalCurrency().ToWireName()}.");
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
            Currency = currency,
            Country = country,
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
