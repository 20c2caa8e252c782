using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Contracts;

/// <summary>Every answer the contract rules give about one subscription on one day, each with its rule ids and a sentence to read out.</summary>
/// <param name="BindingMonths">The binding the contract was sold with; <see cref="Binding"/> says whether the rules allow it.</param>
/// <param name="TerminationRight">A free termination right a change of terms opened (EU-105-3, SE-2).</param>
/// <param name="SoldToConsumer">Sold to a consumer: consumer law applies to it for its life (TP-5); false for a sale to a business.</param>
public sealed record ContractTermsView(
    Guid SubscriptionId, DateOnly On, string Jurisdiction, string RulesVersion, string SalesMode, int BindingMonths,
    BindingDecision Binding, LeavingDecision Leaving, WithdrawalDecision Withdrawal, TerminationRightDecision TerminationRight,
    bool SoldToConsumer);

public sealed record ContractSummaryView(
    Guid Id, Guid SubscriptionId, Guid CustomerId, DateTime IssuedAt, string Reason, string IssuedBy, string RulesVersion, string Jurisdiction,
    string PlanName, decimal MonthlyPrice, string Currency, DateOnly StartDate, int BindingMonths, DateOnly? BindingEnd, string BindingText,
    int? NoticeMonths, RulePeriod Notice, string NoticeText, DateOnly? WithdrawalOpenUntil, string WithdrawalText, string HowToCancel, IReadOnlyList<string> RuleIds,
    string Page);

public static class ContractEndpoints
{
    public static IEndpointRouteBuilder MapContractEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/subscriptions/{id:guid}").WithTags("Contracts").RequireAuthorization(Policies.OwnStaff);
        group.MapGet("/terms", Terms)
            .WithSummary("What the contract rules say on a day (on=yyyy-MM-dd, default today): binding check, leaving, withdrawal, termination right.");
        group.MapGet("/summaries", Summaries)
            .WithSummary("The EU-102 contract summaries issued for the subscription, newest first.");
        return app;
    }

    /// <summary>How far from today <c>?on=</c> may ask about the terms.</summary>
    public const int TermsYearsFromToday = 100;

    internal static async Task<Results<Ok<ContractTermsView>, ValidationProblem, NotFoundProblem>> Terms(
        Guid id, string? on, TouchpointDbContext db, ContractRuleBook rules, TimeProvider clock, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var day = today;
        if (on is not null && !DateOnly.TryParseExact(on.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return ProblemResults.Invalid("on", $"'{on}' is not a date; use yyyy-MM-dd, e.g. 2026-11-23.");
        }

        // The rules count notice and binding months from the day; near the calendar's ends that cannot be represented.
        if (Math.Abs(day.Year - today.Year) > TermsYearsFromToday)
        {
            return ProblemResults.Invalid("on", $"on {day:yyyy-MM-dd} is more than {TermsYearsFromToday} years from today; ask about a nearer day.");
        }

        var row = await db.Subscriptions.AsNoTracking().Where(s => s.Id == id)
            .Join(db.Customers, s => s.CustomerId, c => c.Id, (s, c) => new { Subscription = s, c.Jurisdiction })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return ProblemResults.NotFound($"There is no subscription with id '{id}'.");
        }

        readAudit.Record(nameof(Subscription), id.ToString(), "contract terms");
        return TypedResults.Ok(TermsOf(rules, row.Subscription, SubscriptionContracts.JurisdictionOf(row.Jurisdiction), day));
    }

    public static ContractTermsView TermsOf(ContractRuleBook rules, Subscription subscription, Domain.Customers.Jurisdiction jurisdiction, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(subscription);
        var facts = subscription.ToContractFacts(jurisdiction);
        var months = subscription.BindingMonths();
        return new ContractTermsView(
            subscription.Id, on, Domain.Customers.Jurisdictions.ToWireName(jurisdiction), rules.Version, facts.SoldVia.ToWireName(), months,
            rules.CheckBinding(jurisdiction, months, subscription.ClearEconomicBenefit, subscription.SoldToConsumer),
            rules.Leaving(facts, on),
            rules.Withdrawal(facts, on),
            rules.TerminationRight(facts, on),
            subscription.SoldToConsumer);
    }

    internal static async Task<Results<Ok<List<ContractSummaryView>>, NotFoundProblem>> Summaries(
        Guid id, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!await db.Subscriptions.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return ProblemResults.NotFound($"There is no subscription with id '{id}'.");
        }

        var summaries = await db.ContractSummaries.AsNoTracking().Where(s => s.SubscriptionId == id)
            .OrderByDescending(s => s.IssuedAt).ThenByDescending(s => s.Id)
            .ToListAsync(cancellationToken);
        readAudit.Record(nameof(Subscription), id.ToString(), "contract summaries");
        return TypedResults.Ok(summaries.Select(ToView).ToList());
    }

    public static ContractSummaryView ToView(ContractSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);

        // Summaries from before notices could be in weeks hold their months only; the migration wrote those as P{n}M.
        var notice = RulePeriod.TryParseIso8601(s.Notice, out var period) ? period! : RulePeriod.Months(s.NoticeMonths);
        return new ContractSummaryView(
            s.Id, s.SubscriptionId, s.CustomerId, s.IssuedAt, s.Reason, s.IssuedBy, s.RulesVersion, s.Jurisdiction, s.PlanName, s.MonthlyPrice,
            s.Currency, s.StartDate, s.BindingMonths, s.BindingEnd, s.BindingText, notice.WholeMonths, notice, s.NoticeText, s.WithdrawalOpenUntil,
            s.WithdrawalText, s.HowToCancel, s.RuleIds.Split(',', StringSplitOptions.RemoveEmptyEntries), ContractSummaries.PagePath(s.SubscriptionId));
    }
}
